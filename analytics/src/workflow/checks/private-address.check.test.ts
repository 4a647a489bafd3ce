import { describe, expect, it } from 'vitest';
import type { CheckSeverity } from './types';
import { checkPrivateAddresses } from './private-address.check';
import { prepareDraft } from './text';

interface Case {
  name: string;
  text: string;
  found: [span: string, severity: CheckSeverity][];
  publicNames?: string[];
}

const CASES: Case[] = [
  { name: 'building, unit and room', text: '李某家住幸福小区3号楼2单元501室。', found: [['3号楼2单元501室', 'error']] },
  { name: 'unit and room number', text: '住在阳光花园2单元501', found: [['2单元501', 'error']] },
  { name: 'road, number, block and flat', text: '涉事人员住人民路88号A栋1203，已被控制', found: [['88号A栋1203', 'error']] },
  { name: 'block and flat after a compound name', text: '当事人住金色家园12栋1203', found: [['12栋1203', 'error']] },
  { name: 'village, group and house', text: '张某，张家村3组12号村民', found: [['3组12号', 'error']] },
  { name: 'village group in Chinese numerals', text: '王某住李庄村三组十二号', found: [['三组十二号', 'error']] },
  { name: 'lane, number and room', text: '家住复兴路100弄5号601室', found: [['100弄5号601室', 'error']] },
  { name: 'room in a residential compound', text: '事发于幸福小区501室', found: [['501室', 'error']] },
  { name: 'dashed shorthand', text: '家住幸福小区3-2-501。', found: [['3-2-501', 'error']] },
  { name: 'dashed shorthand with 室', text: '幸福小区3-2-501室起火', found: [['3-2-501', 'error']] },
  { name: 'household', text: '某村2排5户', found: [] },
  { name: 'unit and household', text: '3号楼2单元5户', found: [['3号楼2单元5户', 'error']] },
  { name: 'full-width digits', text: '家住幸福小区３号楼２单元５０１室', found: [['３号楼２单元５０１室', 'error']] },
  { name: 'stairwell only', text: '幸福小区3号楼2单元楼道起火', found: [['3号楼2单元', 'warning']] },
  { name: 'bare street number of a home', text: '当事人家住人民路100号', found: [['100号', 'warning']] },
  { name: 'unit speaks, address is a home', text: '区公安局通报：家住幸福小区3号楼2单元501室的李某', found: [['3号楼2单元501室', 'error']] },
  { name: 'bare street number', text: '人民路100号附近发生火情', found: [] },
  { name: 'organisation building', text: '发布会在市政府大楼3楼301室举行', found: [] },
  { name: 'civic centre', text: '地址：解放路1号市民中心', found: [] },
  { name: 'square', text: '活动在人民广场举行', found: [] },
  { name: 'meeting room', text: '在3楼301室召开会议', found: [] },
  { name: 'room followed by an office', text: '请到3号楼301办公室办理', found: [] },
  { name: 'office of a unit', text: '区信访局（幸福路8号3号楼201室）接待来访群众', found: [] },
  { name: 'hospital ward', text: '伤者在市第一人民医院5号楼1203病房救治', found: [] },
  { name: 'building completed in a year', text: '市政府1号楼2024年投入使用', found: [] },
  { name: 'flat layout', text: '房屋为3室2厅', found: [] },
  { name: 'date', text: '11月3号下午', found: [] },
  { name: 'textbook unit', text: '第二单元', found: [] },
  { name: 'village group without house', text: '张家村3组的村民', found: [] },
  { name: 'numbered group not in a village', text: '第3组12号选手', found: [] },
  { name: 'a public name', text: '张三律师事务所（幸福小区3号楼2单元501室）', found: [], publicNames: ['张三律师事务所'] },
  { name: 'the same address without the name', text: '张三（幸福小区3号楼2单元501室）', found: [['3号楼2单元501室', 'error']] },
];

describe('checkPrivateAddresses', () => {
  it.each(CASES)('$name', ({ text, found, publicNames }) => {
    const findings = checkPrivateAddresses(prepareDraft(text), publicNames);
    expect(findings.map((f) => [text.slice(f.start, f.end), f.severity])).toEqual(found);
    for (const f of findings) {
      expect(f.check).toBe('private_address');
      // Masked: every digit, letter and numeral of the address goes.
      expect(f.match).toBe(text.slice(f.start, f.end).replace(/[0-9A-Za-z０-９一二三四五六七八九十百零〇两]/g, '*'));
      expect(f.match).not.toMatch(/[0-9０-９]/);
    }
  });
});
