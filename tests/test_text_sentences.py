from pipelines.extract.text import sentences


def test_sentences_split_once_per_range_and_hand_out_a_fresh_list():
    text = "Dr. Roe spoke first. The panel agreed.\n\nA second paragraph follows here."
    first = sentences(text, 0, 38)
    assert [s.text for s in first] == ["Dr. Roe spoke first.", "The panel agreed."]
    first.clear()  # a caller changing its list does not change what the next caller gets
    assert [s.text for s in sentences(text, 0, 38)] == ["Dr. Roe spoke first.", "The panel agreed."]
    assert [s.text for s in sentences(text)][-1] == "A second paragraph follows here."
    assert sentences(text) == sentences(text, 0, len(text))
