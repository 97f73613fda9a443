import { describe, expect, it } from 'vitest';
import { sniffDelimiter } from './sniff-dialect.js';

describe('sniffDelimiter', () => {
  it.each([
    ['comma', 'a,b,c\n1,2,3\n4,5,6\n', ','],
    ['semicolon', 'a;b;c\n1;2;3\n', ';'],
    ['tab', 'a\tb\tc\n1\t2\t3\n', '\t'],
    ['pipe', 'a|b|c\n1|2|3\n', '|'],
    ['one column', 'name\nIvanov\nPetrov\n', ','],
    ['empty text', '', ','],
    ['only a header', 'Дата;Оператор;Оценка, баллы', ';'],
    ['CRLF line ends', 'a;b\r\n1;2\r\n3;4\r\n', ';'],
    ['lone CR line ends', 'a|b\r1|2\r3|4\r', '|'],
    [
      'Russian semicolons with decimal commas',
      'Дата;Оператор;Длительность;Оценка\n01.10.2026;Иванова;12,5;4,5\n02.10.2026;Петров;3,25;5\n03.10.2026;Сидоров;;\n',
      ';',
    ],
    ['a decimal comma in every row and a comma in the header', 'Оператор;Оценка, баллы\nИванов;4,5\nПетров;3,5\n', ';'],
    ['commas inside quotes do not count', 'a;b\n"x, y, z";"1,2,3"\n"p,q";r\n', ';'],
    ['semicolons inside quotes do not count', 'a,b\n"x;y;z",1\n"p;q;r;s",2\n', ','],
    ['a newline inside quotes does not end the record', 'a,b\n"line 1\nline;2;3",1\n"x\ny;z",2\n', ','],
    ['doubled quotes inside quotes', 'a,b\n"say ""hi;there""",1\n"""q"";",2\n', ','],
    ['free text with commas in a tab file', 'id\tcomment\n1\tslow, rude\n2\tok\n3\tfine, thanks, bye\n', '\t'],
    ['free text with commas in a semicolon file', 'id;comment;score\n1;slow, rude;1\n2;ok;5\n3;a, b, c, d;3\n', ';'],
    ['a pipe in one comment only', 'a,b,c\n1,x|y,3\n4,5,6\n7,8,9\n', ','],
    ['a cut last line is ignored', 'a;b;c\n1;2;3\n4;5;6\n7,8,9,1,2,3', ';'],
    ['a cut quoted last record is ignored', 'a;b\n1;2\n3;"x,y,z,\nw,v', ';'],
    ['empty lines are ignored', '\n\na;b\n\n1;2\n\n', ';'],
    ['a quote inside an unquoted field is a literal', 'a;b\n5" disk;2\n7" disk;3\n', ';'],
    ['ties go to the larger count', 'a,b;c;d\n1,2;3;4\n', ';'],
    ['equal counts go in the order , ; tab |', 'a,b;c\n1,2;3\n', ','],
  ])('%s', (_name, text, expected) => {
    expect(sniffDelimiter(text)).toBe(expected);
  });

  it('looks at the first 50 records only', () => {
    const text = 'a;b\n' + '1;2\n'.repeat(49) + 'x,y,z\n'.repeat(500);
    expect(sniffDelimiter(text)).toBe(';');
  });
});
