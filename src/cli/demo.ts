export async function demoCommand(_o: Record<string, string>): Promise<number> {
  process.stderr.write('demo: not wired yet\n');
  return 1;
}
