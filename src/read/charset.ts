/**
 * Bytes → text in the charset the report was written in. Order of evidence, strongest first:
 * a byte-order mark, the transport's charset (HTTP header), the document's own declaration
 * (`<meta charset>`, `http-equiv`, `<?xml encoding?>`), then statistical detection (chardet).
 * Decoding itself is iconv-lite; GB2312/GBK are decoded as GB18030 (a strict superset), so pages
 * that declare GB2312 but use GBK characters still read right.
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { isDamagedUtf8, scanUtf8, type Utf8Damage } from './utf8-damage.ts';

export interface Decoded {
  text: string;
  /** The charset used, lower-case WHATWG-style name. */
  charset: string;
  /** Where the charset came from: `bom`, `transport`, `declared`, `detected`, `default`. */
  evidence: 'bom' | 'transport' | 'declared' | 'detected' | 'default';
  /** Share of U+FFFD replacement characters in the output (0 = clean decode). */
  replacementRatio: number;
  /** Set when the bytes are UTF-8 but for a few damaged places, read with U+FFFD in their stead. */
  damage?: Utf8Damage;
}

/** Charset aliases that must decode with a wider table than their name says. */
const WIDER: Record<string, string> = {
  gb2312: 'gb18030',
  gbk: 'gb18030',
  'x-gbk': 'gb18030',
  cp936: 'gb18030',
  'windows-936': 'gb18030',
  big5: 'big5-hkscs',
  'x-big5': 'big5-hkscs',
  'iso-8859-1': 'windows-1252', // as browsers do
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  utf8: 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
};

export function normalizeCharset(name: string | null | undefined): string | null {
  if (!name) return null;
  const n = name
    .trim()
    .toLowerCase()
    .replace(/^["']|["']$/g, '');
  if (!n) return null;
  const wide = WIDER[n] ?? n;
  return iconv.encodingExists(wide) ? wide : null;
}

function bomCharset(bytes: Uint8Array): { charset: string; skip: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { charset: 'utf-8', skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', skip: 2 };
  return null;
}

/**
 * The charset a document declares in its first 4 KB (read as Latin-1, which cannot fail):
 * `<meta charset=…>`, `<meta http-equiv="Content-Type" content="…; charset=…">`, `<?xml encoding=…?>`.
 */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 4096)).toString('latin1');
  const patterns = [/<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i, /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i, /@charset\s+["']([\w.:-]+)/i];
  for (const re of patterns) {
    const m = re.exec(head);
    const cs = normalizeCharset(m?.[1]);
    if (cs) return cs;
  }
  return null;
}

/** The text when the bytes are valid UTF-8, else null (settles most pages without detection). */
function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export const isValidUtf8 = (bytes: Uint8Array): boolean => strictUtf8(bytes) !== null;

/**
 * The 200 commonest Chinese characters (simplified and traditional forms): in real Chinese text a
 * quarter or more of the Han characters are among them; in bytes decoded with the wrong table, few.
 */
const COMMON_HAN = new Set(
  '的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略范竟句室异激汉村哈策演简卡罪判担州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈刘读啊超免压银买皇养伊怀执副乱抗犯追帮宣佛岁航优怪香著田铁控税左右份穿艺背阵草脚概恶块顿敢守酒岛托央户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮露永呼味野架域沙掉括舰鱼杂误湾吉减编楚肯测败屋跑梦散温困剑渐封救贵枪缺楼县尚毫移娘朋画班智亦耳恩短掌恐遗固席松秘谢鲁遇康虑幸均销钟诗藏赶剧票损忽巨炮旧端探湖录叶春乡附吸予礼港雨呀板庭妇归睛饭额含顺输摇招婚脱补谓督毒油疗旅泽材灭逐莫笔亡鲜词圣择寻厂睡博勒烟授诺伦岸奥唐卖俄炸载洛健堂旁宫喝借君禁阴园谋宋避抓荣姑孙逃牙束跳顶玉镇雪午练迫爷篇肉嘴馆遍凡础洞卷坦牛宁纸诸训私庄祖丝翻暴森塔默握戏隐熟骨访弱蒙歌店鬼软典欲萨伙遭盘爸扩盖弄雄稳忘亿刺拥徒姆杨齐赛趣曲刀床迎冰虚玩析窗醒妻透购替塞努休虎扬途侵刑绿兄迅套贸毕唯谷轮库迹尤竞街促延震弃甲伟麻川申缓潜闪售灯针哲络抵朱埃抱鼓植纯夏忍页杰筑折郑贝尊吴秀混臣雅振染盛怒舞圆搞狂措姓残秋培迷诚宽宇猛摆梅毁伸摩盟末乃悲拍丁赵侧黎' +
    '們這個來為國說時會對於過後裏麼學現當沒動開從實經還進發總點關長問間見體與應權產義條張樣報據門讓覺電數變區業員萬東無種機樓變氣議識錢雙濟圈區劃鐵運',
);

/** GB18030 or Big5 when one of them decodes the bytes cleanly into text that reads like Chinese. */
export function guessChineseCharset(bytes: Uint8Array): string | null {
  return guessChinese(bytes)?.charset ?? null;
}

/** The guess, with the decoded text when the sample was the whole input (so it is decoded once). */
function guessChinese(bytes: Uint8Array): { charset: string; share: number; text: string | null } | null {
  const sample = bytes.subarray(0, 64 * 1024);
  const whole = sample.length === bytes.length;
  let best: { charset: string; share: number; text: string | null } | null = null;
  for (const charset of ['gb18030', 'big5']) {
    let text: string;
    try {
      text = new TextDecoder(charset, { fatal: true }).decode(sample, { stream: true });
    } catch {
      continue;
    }
    let han = 0;
    let common = 0;
    for (const ch of text) {
      const code = ch.charCodeAt(0);
      if (code < 0x4e00 || code > 0x9fff) continue;
      han++;
      if (COMMON_HAN.has(ch)) common++;
    }
    if (han < 20) continue;
    const share = common / han;
    if (share >= 0.15 && (!best || share > best.share)) best = { charset: charset === 'big5' ? 'big5-hkscs' : charset, share, text: whole ? text : null };
  }
  return best;
}

/** Node's built-in (ICU) decoder for a charset, when it has one: several times faster than iconv-lite. */
function nativeDecoder(charset: string): TextDecoder | null {
  try {
    return new TextDecoder(charset === 'big5-hkscs' ? 'big5' : charset);
  } catch {
    return null;
  }
}

function decodeWith(bytes: Uint8Array, charset: string, skip = 0): string {
  const body = skip ? bytes.subarray(skip) : bytes;
  const native = nativeDecoder(charset);
  if (native) return native.decode(body);
  return iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), charset);
}

function replacementRatio(text: string): number {
  if (!text.length) return 0;
  let bad = 0;
  for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) bad++;
  return bad / text.length;
}

function hasByteAbove7f(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) return true;
  return false;
}

export function decodeBytes(bytes: Uint8Array, opts: { transportCharset?: string | null; sniffDeclared?: boolean } = {}): Decoded {
  const bom = bomCharset(bytes);
  if (bom) {
    const text = decodeWith(bytes, bom.charset, bom.skip);
    return { text, charset: bom.charset, evidence: 'bom', replacementRatio: replacementRatio(text) };
  }
  const transport = normalizeCharset(opts.transportCharset);
  const declared = opts.sniffDeclared === false ? null : declaredCharset(bytes);
  // A page that is valid UTF-8 yet declares a legacy charset is almost always mislabelled
  // (re-saved by a CMS); valid UTF-8 of any length is very unlikely to be GBK by chance.
  let utf8Text = strictUtf8(bytes);
  // UTF-8 but for a few damaged bytes is UTF-8 too (read with replacement characters, and said so).
  const damage = utf8Text === null ? scanUtf8(bytes) : null;
  const damaged = damage !== null && isDamagedUtf8(damage);
  if (damaged) utf8Text = new TextDecoder('utf-8').decode(bytes);
  const utf8 = utf8Text !== null;
  const hasHighBytes = hasByteAbove7f(bytes);
  let charset: string;
  let evidence: Decoded['evidence'];
  let preDecoded: string | null = null;
  if (transport && !(utf8 && hasHighBytes && transport !== 'utf-8')) {
    charset = transport;
    evidence = 'transport';
  } else if (declared && !(utf8 && hasHighBytes && declared !== 'utf-8')) {
    charset = declared;
    evidence = 'declared';
  } else if (utf8) {
    charset = 'utf-8';
    evidence = hasHighBytes || !declared ? 'default' : 'declared';
  } else {
    const chinese = guessChinese(bytes);
    const guess = chinese?.charset ?? normalizeCharset(chardet.detect(bytes.subarray(0, 16 * 1024)));
    charset = guess ?? 'gb18030';
    evidence = guess ? 'detected' : 'default';
    if (chinese?.text) preDecoded = chinese.text;
  }
  // A page is decoded once: the UTF-8 check or the Chinese guess may already have produced its text.
  const text = charset === 'utf-8' && utf8Text !== null ? utf8Text : (preDecoded ?? decodeWith(bytes, charset));
  return { text, charset, evidence, replacementRatio: replacementRatio(text), ...(damaged && charset === 'utf-8' ? { damage } : {}) };
}
