import { describe, expect, it } from 'vitest';
import { passwordProblem, userNameProblem } from './credentials.ts';

describe('the password rule', () => {
  it('wants at least 10 characters, three of the four classes, and not the user name', () => {
    expect(passwordProblem('Abc-1234', 'u1')).toMatch(/10 位/);
    expect(passwordProblem('yanpan-demo', 'u1')).toMatch(/三类/);
    expect(passwordProblem('abcdefghij12', 'u1')).toMatch(/三类/);
    expect(passwordProblem('Zhang.San-01', 'zhang.san-01')).toMatch(/用户名/);
    expect(passwordProblem('Yanpan-demo1', 'u1')).toBeNull();
    expect(passwordProblem('abcdefgh-12', 'u1')).toBeNull();
    expect(passwordProblem('密码很长很长很长很长A1', 'u1')).toBeNull();
  });
});

describe('user names', () => {
  it('are ASCII letters, digits, . _ - only, so a look-alike cannot be made', () => {
    expect(userNameProblem('sup1')).toBeNull();
    expect(userNameProblem('140701.zhang_s-1')).toBeNull();
    expect(userNameProblem('ѕup1')).toMatch(/用户名/);
    expect(userNameProblem('张三')).toMatch(/用户名/);
    expect(userNameProblem('a')).toMatch(/用户名/);
    expect(userNameProblem('a b')).toMatch(/用户名/);
  });
});
