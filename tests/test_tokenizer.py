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
    # a cadre's asking words (啥时候、最晚、弄完) are rare in jieba's dictionary, but no term a passage must share
    assert Tokenizer()("兵役登记最晚得在啥时候前弄完？") == ["兵役", "登记"]


def test_a_text_tokenised_again_comes_from_memory_and_follows_a_new_dictionary(tmp_path):
    tokenizer = Tokenizer()
    text = "推行吹哨报到试点做法"
    first = tokenizer(text)
    first.append("改过")  # the caller's list is its own
    assert tokenizer(text) == first[:-1]
    assert "吹哨报到试点" not in first
    glossary = tmp_path / "glossary.txt"
    glossary.write_text("吹哨报到试点 50000 n\n", encoding="utf-8")
    Tokenizer(glossary)  # another tokenizer loads a dictionary with a new word
    assert "吹哨报到试点" in tokenizer(text)  # not the tokens kept from before the word existed
