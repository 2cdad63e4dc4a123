import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/nlu/index.ts';

describe('detectLanguage', () => {
  it.each([
    ['在留カードをなくしました', 'ja'],
    ['재류카드를 잃어버렸어요', 'ko'],
    ['我的在留卡丢了怎么办', 'zh-Hans'],
    ['บัตรไซริวของฉันหาย', 'th'],
    ['ខ្ញុំបាត់កាតស្នាក់នៅ', 'km'],
    ['ကျွန်တော် နေထိုင်ခွင့်ကတ် ပျောက်သွားတယ်', 'my'],
    ['මගේ පදිංචි කාඩ්පත නැති වුණා', 'si'],
    ['আমার রেসিডেন্স কার্ড হারিয়ে গেছে', 'bn'],
    ['मैले मेरो निवास कार्ड हराएँ', 'ne'],
    ['میرا رہائشی کارڈ گم ہو گیا', 'ur'],
    ['би оршин суух үнэмлэхээ алдсан', 'mn'],
    ['я загубив посвідку на проживання вчора', 'uk'],
    ['tôi bị mất thẻ cư trú hôm qua', 'vi'],
    ["j'ai perdu ma carte de séjour hier", 'fr'],
    ['I lost my residence card yesterday', 'en'],
    ['perdí mi tarjeta de residencia ayer', 'es'],
    ['perdi meu cartão de residência ontem', 'pt-BR'],
    ['saya kehilangan kartu izin tinggal kemarin', 'id'],
    ['dün oturma kartımı kaybettim', 'tr'],
    ['nawala ko ang aking residence card kahapon', 'fil'],
  ])('detects %j as %s', (text, language) => {
    expect(detectLanguage(text)?.language).toBe(language);
  });

  it.each(['ok', '1', 'hi', '👍'])('gives no language for %j, so a chosen one never flips', (text) => {
    expect(detectLanguage(text)).toBeUndefined();
  });
});
