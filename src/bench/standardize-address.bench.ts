/**
 * Micro-benchmark: µs per row of address standardization, which runs once per reference row at
 * load (10 million rows). Prints a figure; it asserts nothing (speed is measured, not tested).
 * Run: node src/bench/standardize-address.bench.ts
 */
import { standardizeAddress } from '../address/us-address.ts';

const rows = [
  '123 N Main Street Apt 4',
  '4500 Calle Sol',
  'PO Box 123',
  '1600 Pennsylvania Avenue NW',
  '221B Baker St',
];
const n = 200_000;
const at = (line: string) =>
  standardizeAddress({ address_line1: line, address_line2: '', city: 'Austin', state: 'TX', zip: '78701' });
for (let i = 0; i < 20_000; i++) at(rows[i % rows.length] ?? '');
const started = performance.now();
for (let i = 0; i < n; i++) at(rows[i % rows.length] ?? '');
const micros = ((performance.now() - started) * 1000) / n;
process.stdout.write(
  `standardizeAddress: ${micros.toFixed(2)} µs/row over ${n.toLocaleString('en-US')} rows\n`,
);
