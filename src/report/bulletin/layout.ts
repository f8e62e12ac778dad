// GB/T 9704-2012 (党政机关公文格式) as docx building blocks: A4, margins top 37 mm, bottom 35 mm,
// left 28 mm, right 26 mm; 22 lines × 28 characters; title 方正小标宋简体 二号; body 仿宋_GB2312 三号;
// level-1 headings 黑体, level-2 楷体_GB2312; page numbers 宋体 四号 "— 1 —", odd pages right and even
// pages left, one character in from the edge. Fonts are named, never embedded: the offices that read
// the bulletin have them, and a reader without them falls back rather than failing.
import {
  AlignmentType, BorderStyle, DocumentGridType, Footer, ImageRun, LineRuleType, PageNumber, Paragraph, Table, TableCell,
  TableLayoutType, TableRow, TextRun, VerticalAlign, WidthType, type ISectionOptions,
} from 'docx';
import type { Png } from './charts.ts';

const mm = (v: number) => Math.round((v / 25.4) * 1440); // twips
// The page number sits 7 mm below the text block: the footer's distance from the page's bottom edge is about 35 − 7 − 5 mm.

export const FONT = { title: '方正小标宋简体', body: '仿宋_GB2312', h1: '黑体', h2: '楷体_GB2312', pageNo: '宋体' } as const;
/** Sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt. */
export const SIZE = { erhao: 44, sanhao: 32, sihao: 28, xiaosi: 24 } as const;

const TEXT_HEIGHT = mm(297 - 37 - 35);
const TEXT_WIDTH = mm(210 - 28 - 26);
/** 22 lines a page: the line pitch of the grid and of every body paragraph (exact). */
export const LINE_PITCH = Math.floor(TEXT_HEIGHT / 22);
/**
 * 28 characters a line: a 三号 character is 16 pt but the line is 156 mm = 28 × 15.8 pt, so every body run is
 * tightened by 0.25 pt. (A character grid — docGrid linesAndChars with a negative charSpace — does the same in
 * Word, but LibreOffice then gives each character two grid cells and sets 14 a line; this reads alike in both.)
 */
export const CHAR_TIGHTEN = -Math.ceil(SIZE.sanhao * 10 - TEXT_WIDTH / 28); // twips, −5
const CHAR = SIZE.sanhao * 10; // one 三号 character, twips

const font = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name, cs: name });
const run = (text: string, name: string, size: number, bold = false) => new TextRun({ text, font: font(name), size, bold, characterSpacing: size === SIZE.sanhao ? CHAR_TIGHTEN : 0 });
// Tables and captions are smaller than 三号 and single-spaced: off the line grid.
const offGrid = (text: string, name: string, size: number) => new TextRun({ text, font: font(name), size, snapToGrid: false });
const exact = { line: LINE_PITCH, lineRule: LineRuleType.EXACT, before: 0, after: 0 } as const;

export const title = (text: string) => new Paragraph({ alignment: AlignmentType.CENTER, spacing: exact, children: [run(text, FONT.title, SIZE.erhao)] });
export const blank = () => new Paragraph({ spacing: exact, children: [] });
/** A body paragraph: 仿宋 三号, first line indented two characters, justified. */
export const body = (text: string) => new Paragraph({ alignment: AlignmentType.JUSTIFIED, spacing: exact, indent: { firstLine: 2 * CHAR }, children: [run(text, FONT.body, SIZE.sanhao)] });
/** 主送机关: flush left. */
export const flush = (text: string) => new Paragraph({ spacing: exact, children: [run(text, FONT.body, SIZE.sanhao)] });
export const h1 = (text: string) => new Paragraph({ spacing: exact, indent: { firstLine: 2 * CHAR }, keepNext: true, children: [run(text, FONT.h1, SIZE.sanhao)] });
export const h2 = (text: string) => new Paragraph({ spacing: exact, indent: { firstLine: 2 * CHAR }, keepNext: true, children: [run(text, FONT.h2, SIZE.sanhao)] });
/** 发文机关署名 and 成文日期: right, four characters in from the right margin. */
export const signature = (text: string) => new Paragraph({ alignment: AlignmentType.RIGHT, spacing: exact, indent: { right: 4 * CHAR }, children: [run(text, FONT.body, SIZE.sanhao)] });
/** A caption: above a table, under a figure (仿宋 四号, centred). */
export const caption = (text: string) => new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 60, after: 120 }, children: [offGrid(text, FONT.body, SIZE.sihao)] });

export function figure(png: Png, widthPx = 600): Paragraph {
  const height = Math.round((png.height / png.width) * widthPx);
  return new Paragraph({
    alignment: AlignmentType.CENTER, keepNext: true,
    children: [new ImageRun({ type: 'png', data: png.data, transformation: { width: widthPx, height } })],
  });
}

const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const cell = (text: string, head: boolean, numeric: boolean) => new TableCell({
  verticalAlign: VerticalAlign.CENTER,
  margins: { left: 60, right: 60, top: 20, bottom: 20 },
  children: [new Paragraph({
    alignment: head || numeric ? AlignmentType.CENTER : AlignmentType.LEFT,
    children: [offGrid(text, head ? FONT.h1 : FONT.body, SIZE.xiaosi)],
  })],
});

/** A plain ruled table (小四): first row the header in 黑体; numbers centred; the first column (names) takes `first` of the width. */
export function table(head: string[], rows: (string | number)[][], first = 0.4): Table {
  const rest = Math.floor((TEXT_WIDTH * (1 - first)) / (head.length - 1));
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    columnWidths: [TEXT_WIDTH - rest * (head.length - 1), ...Array<number>(head.length - 1).fill(rest)],
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [
      new TableRow({ tableHeader: true, children: head.map((h) => cell(h, true, false)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v) => cell(String(v), false, typeof v === 'number' || /^[-+−]?[\d.,%—/]+$/.test(String(v)))) })),
    ],
  });
}

const pageNumber = (alignment: (typeof AlignmentType)[keyof typeof AlignmentType]) => new Footer({
  children: [new Paragraph({
    alignment,
    indent: alignment === AlignmentType.RIGHT ? { right: SIZE.sihao * 10 } : { left: SIZE.sihao * 10 },
    children: [new TextRun({ font: font(FONT.pageNo), size: SIZE.sihao, children: ['— ', PageNumber.CURRENT, ' —'] })],
  })],
});

/** The one section of the bulletin: page, grid and the odd/even page-number footers. */
export function section(children: ISectionOptions['children']): ISectionOptions {
  return {
    properties: {
      page: {
        size: { width: mm(210), height: mm(297) },
        margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), header: mm(15), footer: mm(23) },
      },
      grid: { type: DocumentGridType.LINES, linePitch: LINE_PITCH },
    },
    footers: { default: pageNumber(AlignmentType.RIGHT), even: pageNumber(AlignmentType.LEFT) },
    children,
  };
}

/** Document-wide defaults: 仿宋_GB2312 三号 as the Normal style. */
// Normal is given its size explicitly too: LibreOffice takes the grid's character pitch from Normal, not from the defaults.
export const documentStyles = {
  default: { document: { run: { font: font(FONT.body), size: SIZE.sanhao } } },
  paragraphStyles: [{ id: 'Normal', name: 'Normal', run: { font: font(FONT.body), size: SIZE.sanhao } }],
};
