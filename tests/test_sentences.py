from pipeline.stages.sentences.split import split_sentences


def test_splits_at_sentence_marks_and_paragraphs():
    text = "他说：“好。”然后走了！\n\n第二段；还有……结束"
    got = [(s.text, text[s.start:s.end]) for s in split_sentences(text)]
    assert [g[0] for g in got] == ["他说：“好。”", "然后走了！", "第二段；", "还有……", "结束"]
    assert all(a == b for a, b in got)


def test_empty_and_whitespace():
    assert split_sentences("") == []
    assert split_sentences(" \n\n ") == []
