// The rules for user names and passwords, in one place: the CLI (`user add`, `user passwd`), the
// console's user administration and the password-change route all go through these two functions.

/**
 * User names are ASCII letters, digits, `.`, `_`, `-` (a 警号 fits): a name that only looks like
 * another (`ѕup1` with a Cyrillic ѕ beside `sup1`) cannot be made. The display name may be Chinese.
 */
const NAME = /^[A-Za-z0-9._-]{2,32}$/;

export function userNameProblem(name: string): string | null {
  return NAME.test(name) ? null : `用户名 ${name} 不合规：2–32 个英文字母、数字或 . _ -（可用警号）`;
}

const CLASSES: readonly [RegExp, string][] = [[/[a-z]/, '小写字母'], [/[A-Z]/, '大写字母'], [/[0-9]/, '数字'], [/[^A-Za-z0-9]/, '其他符号']];

export const PASSWORD_RULE = '密码至少 10 位，须含小写字母、大写字母、数字、其他符号中的至少三类，且不能与用户名相同';

/** Why a password may not be used for this user, or null: ≥ 10 characters, three of four classes, not the user name. */
export function passwordProblem(password: string, username: string): string | null {
  if ([...password].length < 10) return `${PASSWORD_RULE}（现不足 10 位）`;
  if (password.length > 200) return '密码过长（至多 200 个字符）';
  const classes = CLASSES.filter(([re]) => re.test(password)).length;
  if (classes < 3) return `${PASSWORD_RULE}（现只含 ${classes} 类）`;
  if (password.toLowerCase() === username.toLowerCase()) return `${PASSWORD_RULE}（现与用户名相同）`;
  return null;
}

/** A display name: any letters (Chinese too), at most 32 characters, no control characters. */
export function displayNameProblem(name: string): string | null {
  if (name.length > 32) return '姓名至多 32 个字符';
  if (/[\u0000-\u001f\u007f]/.test(name)) return '姓名不能含控制字符';
  return null;
}
