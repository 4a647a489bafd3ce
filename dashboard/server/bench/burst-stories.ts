/**
 * New stories for `bench detect`: each burst is one made-up event in a
 * made-up place (so its words are new to the stream), told in several
 * wordings by many people. Texts written for the project.
 */

const SYLLABLES = ['青', '石', '云', '河', '桃', '柳', '松', '梅', '金', '玉', '凤', '龙', '溪', '岭', '湾', '塘', '坪', '源', '阳', '安', '丰', '泰', '宁', '兴'];
const SUFFIXES = ['镇', '乡', '村', '街道', '社区'];

/** A place name unlikely to be in the stream already (seeded, three syllables). */
export function madeUpPlace(rand: () => number): string {
  const s = () => SYLLABLES[Math.floor(rand() * SYLLABLES.length)]!;
  return `${s()}${s()}${s()}${SUFFIXES[Math.floor(rand() * SUFFIXES.length)]!}`;
}

export const STORY_FAMILIES: readonly (readonly string[])[] = [
  [
    '{place}一座人行桥突然垮塌，桥上好像有人掉进河里了，消防正在搜救',
    '刚路过{place}，那座桥塌了一半，好多人在围观，救护车也来了',
    '{place}桥梁垮塌现场，河里全是碎石，希望没有人受伤',
    '有人知道{place}那座桥为什么会塌吗？前几天还有车在上面走',
    '{place}塌桥了，家里人说听到一声巨响，整条街都在震',
  ],
  [
    '{place}农贸市场着火了，黑烟好大，隔着几条街都能看到',
    '{place}市场那边火还没灭，消防车一辆接一辆，摊主们都跑出来了',
    '听说{place}市场起火是因为电线老化，里面的摊位全烧了',
    '{place}农贸市场大火，求平安，我家亲戚在里面卖菜',
    '在{place}拍到的，市场上空全是浓烟，空气里一股焦味',
  ],
  [
    '{place}一所小学好多学生午饭后呕吐腹泻，已经送医院了',
    '我家孩子在{place}小学，今天吃完午饭肚子疼，学校通知家长去接',
    '{place}学校食堂疑似食物中毒，几十个孩子在医院输液，家长都急疯了',
    '{place}小学集体食物中毒，食堂到底怎么管的？必须给个说法',
    '刚从{place}医院出来，急诊全是小学生，说是吃了学校的饭',
  ],
  [
    '{place}发生山体塌方，一段公路被埋，有车辆被困',
    '{place}塌方现场视频，半座山都滑下来了，太吓人了',
    '去{place}的路被塌方堵死了，前面说有两辆车在下面',
    '{place}山体滑坡，救援队正在挖掘，希望被困的人平安',
    '{place}塌方的地方上周就有人说有裂缝，为什么没人管',
  ],
  [
    '{place}一家工厂几百名工人拉横幅维权，说被拖欠了半年工资',
    '{place}工厂门口全是讨薪的工人，警察也来了，现场很乱',
    '我老公在{place}那个厂上班，半年没发工资了，今天大家一起去维权',
    '{place}工人讨薪事件，老板跑路了，工人们堵在厂门口不肯走',
    '有没有记者关注一下{place}工人维权的事，几百个家庭等着钱过年',
  ],
  [
    '{place}小区燃气泄漏，整栋楼都在疏散，空气里全是煤气味',
    '{place}燃气管道破了，消防让我们赶紧下楼，不要开灯不要打电话',
    '{place}煤气泄漏，好多人穿着睡衣站在楼下，太吓人了',
    '燃气公司的人到{place}了，说是施工挖断了管道',
    '{place}那边燃气泄漏还没处理完，整条路都封了，绕行吧',
  ],
];

/** Texts of one burst: a family of wordings about one place. */
export function burstTexts(family: number, place: string): string[] {
  return STORY_FAMILIES[family % STORY_FAMILIES.length]!.map((t) => t.replaceAll('{place}', place));
}
