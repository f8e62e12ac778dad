// Every time the console shows is Beijing time to the minute, 'YYYY-MM-DD HH:mm' (src/time, the one
// definition): a stamp from the server in any zone, or a zoneless local time from the data.
export { minuteStamp as stamp, minuteOfDay } from '../../time/clock.ts';
