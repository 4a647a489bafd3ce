import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, summaryOf } from './support/cli';
import { tempDir } from './support/runtime';

/**
 * `pnpm fenghuo train|eval`: they read any file in the formats of
 * ../shared/data/README.md (here small ones written for the test, plain and
 * gzip), print readable lines and end with one JSON object.
 */

const dir = tempDir('fenghuo-eval-');
const cascades = path.join(dir, 'cascades.jsonl.gz');
const sentiment = path.join(dir, 'sentiment.jsonl');

const RUMOR_POSTS = [
  '紧急扩散！网传{p}自来水被污染了，千万别喝，转发救人！',
  '据说{p}明天开始封路三天，朋友在交警队说的，赶紧囤货',
  '内部消息：{p}有人贩子开面包车抢孩子，家长们看好孩子！！',
  '朋友说{p}的超市鸡蛋是人造的，大家千万别买了，扩散！',
];
const NEWS_POSTS = [
  '【{p}发布】今日起{p}地铁二号线延长运营时间至23时，市民可合理安排出行。',
  '{p}气象台发布消息：预计明天有小到中雨，气温下降5度，请注意添衣。',
  '{p}第一人民医院新院区今天正式启用，设置床位800张，开通12条公交线路。',
  '据{p}统计局消息，前三季度全市居民人均可支配收入同比增长5.1%。',
];
const SKEPTICAL = ['真的假的？有没有官方消息', '已经辟谣了，别传了', '假的吧，谁说的', '求证一下，有来源吗'];
const NEUTRAL = ['知道了', '转发', '关注一下', '好的，谢谢'];

function cascadeLines(): string[] {
  const lines: string[] = [];
  const places = ['甲市', '乙县', '丙镇', '丁区', '戊市', '己县', '庚镇', '辛区', '壬市', '癸县'];
  let n = 0;
  for (const [label, posts, replies] of [['rumor', RUMOR_POSTS, SKEPTICAL], ['non-rumor', NEWS_POSTS, NEUTRAL]] as const) {
    for (const p of places) {
      for (const tpl of posts) {
        const t0 = Date.parse('2013-05-01T10:00:00+08:00') + n * 3_600_000;
        lines.push(
          JSON.stringify({
            id: `c${n}`,
            label,
            split: n % 4 === 0 ? 'test' : 'train',
            post: { id: `p${n}`, text: tpl.replaceAll('{p}', p), time: new Date(t0).toISOString(), author: { verified: label === 'non-rumor', followers: label === 'rumor' ? 120 : 250_000 } },
            reactions: Array.from({ length: 6 }, (_, i) => ({
              id: `r${n}-${i}`,
              parent: null,
              kind: i % 2 ? 'comment' : 'repost',
              author_id: `u${i}`,
              time: new Date(t0 + (i + 1) * 600_000).toISOString(),
              text: replies[i % replies.length]!,
            })),
          }),
        );
        n++;
      }
    }
  }
  return lines;
}

function sentimentLines(): string[] {
  const rows = [
    ['positive', '今天太开心了，终于拿到录取通知书[哈哈]'],
    ['positive', '这家店的服务真好，下次还来，点赞！'],
    ['positive', '风景太美了，心情好极了'],
    ['negative', '气死我了，快递又丢了，客服还不理人'],
    ['negative', '好难过，考试没考好，哭了一晚上'],
    ['negative', '太恶心了，外卖里吃出了虫子'],
    ['neutral', '明天上午九点开会，请准时参加'],
    ['neutral', '地铁二号线今天正常运营'],
    ['neutral', '这本书一共三百页'],
    ['surprise', '天哪，居然下雪了？'],
  ];
  const lines: string[] = [];
  for (let r = 0; r < 12; r++) {
    rows.forEach(([label, text], i) => lines.push(JSON.stringify({ id: `s${r}-${i}`, text: `${text}${r % 3 ? '' : '！'}`, label, split: r < 9 ? 'train' : 'dev' })));
  }
  return lines;
}

beforeAll(() => {
  fs.writeFileSync(cascades, zlib.gzipSync(`${cascadeLines().join('\n')}\n`));
  fs.writeFileSync(sentiment, `${sentimentLines().join('\n')}\n`);
});

const run = async (args: string[]) => {
  const r = await runCli(args, { FENGHUO_DATA_DIR: dir }, 180_000);
  if (r.code !== 0) throw new Error(`fenghuo ${args.join(' ')} exited ${r.code}\n${r.stderr}\n${r.stdout}`);
  return summaryOf(r) as Record<string, any>;
};

describe('eval and train commands', () => {
  it('eval rumor with the default scorer, any window: n, accuracy, macro-F1, rumor P/R/F1, PR-AUC', async () => {
    const r = await run(['eval', 'rumor', '--data', cascades, '--window', '1h']);
    expect(r).toMatchObject({ task: 'rumor', scorer: 'default', window: '1h', n: 20 });
    for (const k of ['accuracy', 'macro_f1', 'pr_auc']) expect(r[k]).toBeGreaterThanOrEqual(0);
    expect(r.rumor).toEqual({ precision: expect.any(Number), recall: expect.any(Number), f1: expect.any(Number) });
    // Cue words and doubting replies are what the default scorer reads.
    expect(r.macro_f1).toBeGreaterThan(0.8);
  }, 200_000);

  it('trains a rumor model to a file and scores with it, or trains and scores in one go', async () => {
    const model = path.join(dir, 'rumor-model.json');
    const t = await run(['train', 'rumor', '--data', cascades, '--out', model]);
    expect(t).toMatchObject({ trained_on: 60, split: 'train' });
    expect(fs.statSync(model).size).toBeGreaterThan(100);
    const withModel = await run(['eval', 'rumor', '--data', cascades, '--model', model]);
    expect(withModel).toMatchObject({ scorer: 'trained', n: 20 });
    expect(withModel.macro_f1).toBeGreaterThan(0.8);
    const inOne = await run(['eval', 'rumor', '--data', cascades, '--train', cascades, '--window', 'all']);
    expect(inOne).toMatchObject({ scorer: 'trained', n: 20 });
  }, 300_000);

  it('ablations: --groups and --combine pick what the model reads; bad values are clear errors', async () => {
    const textOnly = await run(['eval', 'rumor', '--data', cascades, '--train', cascades, '--groups', 'post_text', '--combine', 'linear']);
    expect(textOnly).toMatchObject({ scorer: 'trained', n: 20 });
    const signalsOnly = await run(['eval', 'rumor', '--data', cascades, '--train', cascades, '--groups', 'cues,author']);
    expect(signalsOnly).toMatchObject({ scorer: 'trained', n: 20 });
    const bad = await runCli(['eval', 'rumor', '--data', cascades, '--train', cascades, '--groups', 'post_text,vibes'], { FENGHUO_DATA_DIR: dir }, 120_000);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/unknown group vibes/);
    const noTrain = await runCli(['eval', 'rumor', '--data', cascades, '--combine', 'linear'], { FENGHUO_DATA_DIR: dir }, 120_000);
    expect(noTrain.code).not.toBe(0);
    expect(noTrain.stderr).toMatch(/need --train/);
  }, 300_000);

  it('eval sentiment: 3 classes (surprise left out), per-class F1; with a trained model too', async () => {
    const lexicon = await run(['eval', 'sentiment', '--data', sentiment]);
    expect(lexicon).toMatchObject({ task: 'sentiment', scorer: 'lexicon', split: 'dev', n: 27 });
    expect(Object.keys(lexicon.f1).sort()).toEqual(['negative', 'neutral', 'positive']);
    const model = path.join(dir, 'sentiment-model.json');
    expect(await run(['train', 'sentiment', '--data', sentiment, '--out', model])).toMatchObject({ trained_on: 90, split: 'train' });
    const trained = await run(['eval', 'sentiment', '--data', sentiment, '--model', model]);
    expect(trained).toMatchObject({ scorer: 'trained', n: 27 });
    expect(trained.macro_f1).toBeGreaterThan(0.8);
  }, 300_000);

  it('train and eval sentiment --adapt-to: self-training on a plain-text corpus, reported as inductive', async () => {
    // 240 unlabelled posts of the kind to be scored, one per line (written for this test), none of them scored.
    const corpus = path.join(dir, 'corpus.txt');
    const places = ['食堂', '公园', '超市', '图书馆', '医院', '车站', '快递点', '小区'];
    const says = ['真好，好开心', '太差了，气死了', '明天开放登记', '让人失望', '非常满意，点赞', '周一开始维修'];
    const posts = Array.from({ length: 240 }, (_, i) => `第${i}号${places[i % 8]}${says[i % 6]}`);
    fs.writeFileSync(corpus, `${posts.join('\n')}\n`);
    const model = path.join(dir, 'sentiment-adapted.json');
    const trained = await run(['train', 'sentiment', '--data', sentiment, '--out', model, '--adapt-to', corpus, '--adapt-min-chars', '5', '--adapt-sample', '220']);
    expect(trained).toMatchObject({ adapted_to: { format: 'text', texts: 220, eligible: 240, self_training_rounds: 3 } });
    const evaluated = await run(['eval', 'sentiment', '--data', sentiment, '--train', sentiment, '--adapt-to', corpus, '--adapt-min-chars', '5']);
    expect(evaluated.training).toMatchObject({ adapted: true, adaptedTo: { format: 'text', texts: 240, overlap: 0, inductive: true } });
    const wrong = await runCli(['eval', 'sentiment', '--data', sentiment, '--adapt-sample', '10'], { FENGHUO_DATA_DIR: dir }, 120_000);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/need --adapt-to/);
  }, 300_000);

  it('a missing or unreadable file is a clear error, not a crash', async () => {
    const r = await runCli(['eval', 'rumor', '--data', path.join(dir, 'nope.jsonl')], { FENGHUO_DATA_DIR: dir }, 120_000);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/nope\.jsonl/);
  }, 200_000);
});
