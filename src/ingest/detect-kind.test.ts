import { describe, expect, it } from 'vitest';
import { UserError } from '../errors.js';
import { detectKind } from './detect-kind.js';

const split = (header: string, delimiter = ',') => header.split(delimiter);

describe('detectKind', () => {
  it.each([
    // the generator's two dialects
    [
      'calls',
      'Call ID,Started At,Direction,Status,Agent,Customer Phone,Wait Seconds,Talk Seconds,Resolved,Topic,Satisfaction,Recording URL',
    ],
    [
      'calls',
      'ID звонка;Дата и время;Направление;Статус;Оператор;Номер клиента;Ожидание (сек);Разговор (сек);Решён;Тема;Оценка;Ссылка на запись',
    ],
    [
      'tickets',
      'Ticket ID,Created At,Channel,Agent,Priority,Status,Topic,Customer,First Response At,Resolved At,Reopens,Satisfaction,FCR',
    ],
    [
      'tickets',
      'Номер заявки;Дата создания;Канал;Ответственный;Приоритет;Статус;Тема;Клиент;Первый ответ;Дата решения;Переоткрытия;Оценка;Решён с первого обращения',
    ],
    ['surveys', 'Response ID,Answered At,Survey,Score,Contact ID,Customer,Comment'],
    ['surveys', 'ID ответа;Дата ответа;Опрос;Балл;ID обращения;Клиент;Комментарий'],
    ['customers', 'Customer ID,Segment,Manager,Active Since,Churned At,MRR'],
    ['customers', 'ID клиента;Сегмент;Менеджер;Клиент с;Дата ухода;Ежемесячный платёж'],
    ['qa', 'contact_id,kind,agent,channel,greeting,resolved,spelling,reviewer,comment'],
    // the real exports in shared/datasets
    [
      'customers',
      'customerID,gender,SeniorCitizen,Partner,Dependents,tenure,PhoneService,MultipleLines,InternetService,OnlineSecurity,OnlineBackup,DeviceProtection,TechSupport,StreamingTV,StreamingMovies,Contract,PaperlessBilling,PaymentMethod,MonthlyCharges,TotalCharges,Churn',
    ],
    ['customers', 'user_id,tariff_plan,date_start'],
    [
      'calls',
      'user_id,date,direction,internal,operator_id,is_missed_call,calls_count,call_duration,total_call_duration',
    ],
    [
      'tickets',
      'Ticket ID,Customer Name,Customer Email,Customer Age,Customer Gender,Product Purchased,Date of Purchase,Ticket Type,Ticket Subject,Ticket Description,Ticket Status,Resolution,Ticket Priority,Ticket Channel,First Response Time,Time to Resolution,Customer Satisfaction Rating',
    ],
    ['surveys', ',id,nps,satisfaction,intention,explication,NbPassageKS,CaTicket,t'],
    [
      'calls',
      'Call Id,Agent,Date,Time,Topic,Answered (Y/N),Resolved,Speed of answer in seconds,AvgTalkDuration,Satisfaction rating',
    ],
    [
      'tickets',
      'Status,Ticket ID,Priority,Source,Topic,Agent Group,Agent Name,Created time,Expected SLA to resolve,Expected SLA to first response,First response time,SLA For first response,Resolution time,SLA For Resolution,Close time,Agent interactions,Survey results,Product group,Support Level,Country,Latitude,Longitude',
    ],
  ])('%s ← %s', (kind, header) => {
    const delimiter = header.includes(';') ? ';' : ',';
    expect(detectKind('f.csv', split(header, delimiter), [], {}).kind).toBe(kind);
  });

  it('maps the Sudzilla form: the first 0–10 question is the NPS question', () => {
    const header = [
      'Timestamp',
      'On a scale of 0-10, how would you rate Sudzilla?',
      '...why?',
      'On a scale of 0-10, how would you rate the opening keynote?',
    ];
    const mapping = detectKind('f.csv', header, [], {});
    expect(mapping.kind).toBe('surveys');
    expect(mapping.headers).toEqual({ answered_at: 'Timestamp', nps: header[1], comment: '...why?' });
    expect(mapping.unmapped).toEqual([header[3]]);
  });

  it('a header that fits no kind is an error naming the file and what the closest kind lacks', () => {
    const detect = () => detectKind('odd.csv', ['foo', 'bar'], [], {});
    expect(detect).toThrow(UserError);
    expect(detect).toThrow(/^odd\.csv: the header matches no kind of export \(the closest, \w+, lacks /);
  });

  it('a header that fits two kinds equally is an error naming both', () => {
    expect(() => detectKind('both.csv', ['call_id', 'ticket_id'], [], {})).toThrow(
      'both.csv: the header fits calls and tickets equally; give the file with --calls or --tickets.',
    );
  });

  it('a forced kind is read as that kind even when it lacks a required field', () => {
    const mapping = detectKind('t.csv', ['Ticket ID', 'Agent'], [], {}, 'tickets');
    expect(mapping.kind).toBe('tickets');
    expect(mapping.missing).toEqual(['created_at']);
  });
});
