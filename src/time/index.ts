// Time, once: the clock and today in Beijing (clock.ts), days and the period convention (day.ts),
// months (month.ts). Imports nothing of the program, so every layer and the console may use it.
export * from './clock.ts';
export * from './day.ts';
export * from './month.ts';
