import { beforeAll, describe, expect, it } from 'vitest';
import { createIntentClassifier, type IntentClassifier } from '../../src/nlu/index.ts';

let classifier: IntentClassifier;
beforeAll(() => {
  classifier = createIntentClassifier();
});

describe('createIntentClassifier', () => {
  it.each([
    ['I lost my residence card', 'lost-card', 'en'],
    ['my visa expires next month, how do I renew it', 'extend-stay', 'en'],
    ["j'ai perdu ma carte de séjour", 'lost-card', 'fr'],
    ['je veux parler à un humain', 'human', 'fr'],
    ['在留カードをなくしました', 'lost-card', 'ja'],
    ['永住申請の仕方を教えて', 'permanent-residence', 'ja'],
    ['あかちゃん が うまれました', 'newborn', 'ja'],
    ['tôi muốn gia hạn visa', 'extend-stay', 'vi'],
    ['我的在留卡丢了', 'lost-card', 'zh-Hans'],
    ['재류카드를 잃어버렸어요', 'lost-card', 'ko'],
    ['zairyu kaado nakushita', 'lost-card', undefined],
  ])('classifies %j as %s', (text, intent, language) => {
    const result = classifier.classify(text);
    expect(result.intent).toBe(intent);
    expect(result.alternatives[0]?.intent).toBe(intent);
    if (language) expect(result.language).toBe(language);
  });

  it('is unsure on gibberish and still offers three guesses', () => {
    const result = classifier.classify('qxzv blorp wug');
    expect(result.intent).toBeNull();
    expect(result.alternatives).toHaveLength(3);
  });

  it('is unsure when no feature of the text was ever seen', () => {
    expect(classifier.classify('!!!').intent).toBeNull();
  });

  it('trains from given examples and honours a given threshold', () => {
    const small = createIntentClassifier({
      threshold: 0,
      examples: [
        { text: 'hello there', intent: 'menu', language: 'en' },
        { text: 'I lost my card', intent: 'lost-card', language: 'en' },
      ],
    });
    expect(small.classify('hello').intent).toBe('menu');
    expect(small.classify('lost card').intent).toBe('lost-card');
  });
});
