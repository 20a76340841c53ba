from trainer_bot.tokenizer import Tokenizer, load_glossary


def test_glossary_terms_survive_tokenisation_whole():
    tokenizer = Tokenizer()
    terms = load_glossary()
    assert len(terms) >= 100
    for term in terms:
        assert term.lower() in tokenizer(f"我们学习{term}的做法"), term


def test_sub_words_of_long_terms_are_indexed_too():
    tokens = Tokenizer()("街乡吹哨部门报到")
    assert {"街乡吹哨部门报到", "吹哨", "报到"} <= set(tokens)


def test_stopwords_and_punctuation_are_dropped():
    assert Tokenizer()("请问，什么是网格员？") == ["网格", "网格员"]
    assert Tokenizer()("你好！") == []
