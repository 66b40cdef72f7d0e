/** Reads raw text into the line stream: one item per line, numbered from 1. */
import type { RepairItem } from './types.js';

export function readLines(raw: string): RepairItem[] {
  const lines = raw.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  return lines.map((text, i): RepairItem => {
    const line = i + 1;
    if (text.trim() === '') return { kind: 'blank', line };
    return { kind: 'text', text: text.replace(/\s+$/, ''), line, indented: /^\s/.test(text), printed: text.trim().length };
  });
}
