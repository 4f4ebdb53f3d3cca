"""Fact checks: a claim about a fact-bank event is right or wrong by its year and place; vaguer ones are left alone."""
from __future__ import annotations

import pytest

from grader.documents import document_from_text
from grader.grading import analyse_document
from grader.rubric import load_rubric


def checks(rubric, text):
    analysis = analyse_document(document_from_text(text), rubric)
    return [(c.fact, c.status, text[c.start : c.end]) for c in analysis.checks]


@pytest.mark.parametrize("text, expected", [
    ("The treaty was signed in Moscow on 14 February 1950.", [("treaty_signed", "correct")]),
    ("The Sino-Soviet treaty was signed in Beijing in 1950.", [("treaty_signed", "incorrect")]),
    ("The Sino-Soviet treaty was signed in 1949.", [("treaty_signed", "incorrect")]),
    ("The Sino-Soviet treaty was signed in 1945.", []),  # true of the other Sino-Soviet treaty, Chiang's
    ("Stalin died in 1949.", [("stalin_died", "incorrect")]),
    ("Stalin died in March 1953.", [("stalin_died", "correct")]),
    ("Mao proclaimed the People's Republic of China on 1 October 1949.", [("prc_proclaimed", "correct")]),
    ("In August 1945 Stalin signed a treaty with Chiang Kai-shek.", [("kmt_treaty_1945", "correct")]),
    # a year in another clause, after a relative word, or in a list is not the event's date
    ("The CCP remembered 1927, Yalta and Manchuria.", []),
    ("The CCP remembered 1927 and Yalta.", []),
    ("After 1945 the Yalta bargain still shaped Soviet policy.", []),
    ("Mao went to Moscow in December 1949 and the treaty was signed in February 1950.",
     [("treaty_signed", "correct"), ("mao_in_moscow", "correct")]),
    ("In April 1941 Stalin signed a neutrality pact with Japan.", []),
    ("Mao signed the treaty after a long journey from Beijing.", [("treaty_signed", "correct")]),  # not "in Beijing"
    ("Khrushchev signed the Sino-Soviet treaty.", [("khrushchev_in_1950", "incorrect")]),  # a known misconception
    ("Stalin announced that China would lean to one side.", [("lean_to_one_side", "incorrect")]),
    # a place that names another event, a detail near an event's word that starts no full mention of it,
    # or an earlier treaty with its own year, is not an error
    ("At Yalta he had won American agreement, and in August 1945 he signed a treaty with Chiang Kai-shek.",
     [("kmt_treaty_1945", "correct"), ("yalta_conference", "correct")]),
    ("At Yalta in February 1945 he had obtained Roosevelt's agreement to his rights in Manchuria, and in August 1945 "
     "he secured them from Chiang Kai-shek in the Sino-Soviet Treaty of Friendship and Alliance.",
     [("kmt_treaty_1945", "correct"), ("yalta_conference", "correct")]),
    ("In 1937 Stalin signed a non-aggression pact with the Nationalist government.", [("kmt_pact_1937", "correct")]),
    ("Mao never forgot the Shanghai massacre of 1927.", [("shanghai_massacre", "correct")]),
    ("Unlike the 1945 treaty with Chiang, the Sino-Soviet treaty of 1950 bound Stalin to defend China.",
     [("treaty_signed", "correct"), ("kmt_treaty_1945", "correct")]),
    # the month is a slot too: the right year with the wrong month is wrong
    ("The People's Republic was proclaimed in Beijing on 1 January 1949.", [("prc_proclaimed", "incorrect")]),
    ("The Sino-Soviet treaty was signed on February 14, 1950.", [("treaty_signed", "correct")]),
    ("The Sino-Soviet treaty was signed in Moscow on 14 March 1950.", [("treaty_signed", "incorrect")]),
    ("In June 1949, a few months before he proclaimed the People's Republic, Mao wrote that China would lean to "
     "one side.", [("prc_proclaimed", "correct")]),
    ("In August 1945, right after the Yalta agreement, Stalin signed a treaty with Chiang Kai-shek.",
     [("kmt_treaty_1945", "correct")]),  # Yalta named only to date the treaty is not itself confirmed
    # a place or a name belongs to the event it stands beside, and vouches only for that one
    ("The CCP proclaimed the People's Republic in Shanghai in 1949.", [("prc_proclaimed", "incorrect")]),
    ("Mao, who had helped found the CCP in Shanghai, proclaimed the People's Republic in 1949.",
     [("prc_proclaimed", "correct")]),
    # one year for two events: the wrong one is not confirmed, so neither is shown as accurate
    ("Mao went to Moscow and signed the treaty in 1949.", []),
    ("In 1949 Mao went to Moscow and then signed the treaty.", []),
    ("In December 1949 Mao went to Moscow to sign a treaty with Stalin.", []),
    # an opening date governs the whole main clause, and so dates the signing wrongly
    ("In 1949 Mao went to Moscow and signed the treaty.", [("treaty_signed", "incorrect"), ("mao_in_moscow", "correct")]),
    ("In 1949, Mao went to Moscow and signed the treaty.", [("treaty_signed", "incorrect"), ("mao_in_moscow", "correct")]),
    # as does an opening place or meeting, across its comma
    ("At the Yalta Conference in February 1945, Truman and Churchill agreed that the USSR could regain Port Arthur.",
     [("yalta_conference", "incorrect")]),
    ("At Yalta, Roosevelt and Churchill promised Stalin rights in Manchuria.", [("yalta_conference", "correct")]),
    # a year bound to one event, while the other has its own, is the first one's
    ("Mao proclaimed the People's Republic in October 1950 and signed the treaty in February 1950.",
     [("prc_proclaimed", "incorrect")]),
    ("Mao proclaimed the People's Republic in 1950 and went to Moscow in December 1949.",
     [("prc_proclaimed", "incorrect")]),
    ("Mao came to Moscow in January 1950 and they signed the treaty in February 1950.",
     [("treaty_signed", "correct"), ("mao_arrived_in_moscow", "incorrect")]),
    # unless an event of the same name has that year: "the Sino-Soviet treaty" of 1945 was Chiang's
    ("On 14 August 1945 the USSR and the Republic of China signed the Treaty of Friendship and Alliance in Moscow.",
     [("kmt_treaty_1945", "correct")]),
    ("Stalin did well: at Yalta in February 1945 Roosevelt accepted his claims, and the Sino-Soviet treaty with "
     "Chiang's government in August 1945 gave him Port Arthur.", [("kmt_treaty_1945", "correct"), ("yalta_conference", "correct")]),
    ("Finally in February 1950 they signed the treaty of friendship and alliance.", [("treaty_signed", "correct")]),
    # "that year" is the year stated last; a verb joined by "and" shares its date
    ("The People's Republic was proclaimed in 1949, and Mao travelled to Moscow that year and signed the treaty.",
     [("treaty_signed", "incorrect"), ("prc_proclaimed", "correct"), ("mao_in_moscow", "correct")]),
    ("The Korean War began in June 1950 and lasted three years.", [("korean_war_began", "correct")]),
    # an event named only to date another is confirmed only by a date of its own
    ("Stalin was hesitant; he died in December 1949, shortly after Mao's arrival in Moscow.", []),
    ("Shortly after Mao's arrival in Moscow in December 1949, Stalin received him.", [("mao_arrived_in_moscow", "correct")]),
    # a right place or person confirms only beside the event; a wrong place further on is still wrong
    ("Acheson's speech in San Francisco placed Taiwan outside the perimeter, but Washington refused to recognise Mao.",
     [("acheson_speech", "incorrect")]),
    ("Right after the Yalta agreement, in March 1945, Stalin denounced the neutrality pact.", []),
    # where a government sat is not where its treaty was signed
    ("In August 1945 Stalin signed a Treaty of Friendship and Alliance with Chiang's government in Chungking.",
     [("kmt_treaty_1945", "correct")]),
    # the signers name the 1950 treaty, and the month stated with them is its own
    ("Zhou came to help, until the treaty was finally signed by Zhou Enlai and Vyshinsky on 14 April 1950.",
     [("treaty_signed", "incorrect")]),
    # a place before a word of order belongs to the clause before it
    ("Stalin sent Mikoyan to the CCP headquarters at Xibaipo only after the People's Republic had been founded.",
     [("mikoyan_visit", "incorrect")]),
    ("After McCarthy's speech, any move toward recognizing Beijing became politically impossible for Truman.", []),
    # a side named as an object ("to China") is not the giver of the next verb
    ("In the treaty the Soviet Union promised to return Port Arthur to China and gave a loan of 300 million dollars.",
     [("soviet_loan", "correct")]),
    # names apart across a colon are no list
    ("It was American flexibility that moved Stalin: Acheson's speech of 12 January 1950 excluded Taiwan.",
     [("acheson_speech", "correct")]),
    # a negation inside a relative clause denies the clause, not the claim before it
    ("Mao spent two months in Moscow negotiating with Khrushchev, who did not want to give up the gains of 1945.",
     [("khrushchev_in_1950", "incorrect")]),
    ("Khrushchev did not lead the talks in 1950.", []),
    # two events in an order their dates rule out
    ("The treaty was signed in Moscow after the Korean War began.", [("treaty_signed", "incorrect")]),
    ("Liu Shaoqi's secret mission to Moscow took place after the People's Republic had been proclaimed.",
     [("liu_shaoqi_visit", "incorrect")]),
    ("The Korean War was preceded by the signing of the treaty in Moscow.", [("treaty_signed", "correct")]),
    ("Stalin died in 1953, after the Korean War began.", [("stalin_died", "correct")]),
    ("Mao went to Moscow after the People's Republic was proclaimed.", []),
    # read as the other event, the claim is checked on that event's details: that treaty was not signed with Mao
    ("In August 1945 he signed a Treaty of Friendship with Mao in Yan'an.", [("kmt_treaty_1945", "incorrect")]),
    ("The Sino-Soviet treaty was signed in Beijing in 1945.", [("kmt_treaty_1945", "incorrect")]),
    ("In 1927 Comintern insistence on the united front left the CCP exposed to Chiang Kai-shek's Shanghai massacre.",
     [("shanghai_massacre", "correct")]),
    ("Mao went to Moscow in December 1949 and signed the treaty in February 1950.",
     [("treaty_signed", "correct"), ("mao_in_moscow", "correct")]),
    # two facts named by the same words are two readings of one event: the year picks one
    ("In 1937 Stalin signed a non-aggression pact with the Nationalist government.", [("kmt_pact_1937", "correct")]),
    # known misconceptions of other kinds: who recognised, backed or promised what, and when
    ("The United States recognised the People's Republic in October 1949.", [("us_recognised_prc", "incorrect")]),
    ("The United States refused to recognise the People's Republic until 1979.", []),
    ("Acheson's speech of January 1950 promised to defend Korea and Taiwan.",
     [("acheson_promised_defence", "incorrect")]),
    ("Acheson's speech of January 1950 left Korea and Taiwan outside the defensive perimeter.",
     [("acheson_speech", "correct")]),
    ("The Soviets gave back Port Arthur straight away in 1950.", [("port_arthur_at_once", "incorrect")]),
    # beside the right people, another in the same list is wrong; one elsewhere in the sentence is not
    ("At the Yalta Conference in February 1945 Truman, Churchill and Stalin divided Europe.",
     [("yalta_conference", "incorrect")]),
    ("In August 1945 Stalin signed a treaty with Chiang's government, and he then pressed Mao to negotiate with "
     "Chiang.", [("kmt_treaty_1945", "correct")]),
    # who gave to whom: the giver before a verb of giving, after "by" or after "from" with one of receiving
    ("China gave the Soviet Union a loan of $300 million.", [("soviet_loan", "incorrect")]),
    ("A loan of $300 million was granted by the Soviet Union.", [("soviet_loan", "correct")]),
    ("The USSR received a loan of $300 million from China.", [("soviet_loan", "incorrect")]),
    # a rate cannot be checked against a total, so the claim is not confirmed on its other slots
    ("The USSR lent China $300 million a year in loans.", []),
    # a date between a place and its event takes no room, and its comma breaks no clause
    ("Mao proclaimed the People's Republic of China on October 1, 1949 in Nanjing.", [("prc_proclaimed", "incorrect")]),
    # a denied event is neither confirmed nor corrected on its details; denying the 1945 treaty is a known
    # misconception of the rubric's
    ("Stalin refused to deal with Chiang, declining to sign any treaty with the Nationalist government in 1945.",
     [("no_treaty_with_chiang", "incorrect")]),
    ("Stalin refused to sign any treaty with Chiang Kai-shek in 1945.", [("no_treaty_with_chiang", "incorrect")]),
    ("Stalin did not sign a treaty with Chiang Kai-shek in 1947.", []),
    ("Mao refused to sign the treaty in 1949.", []),
    # a date in figures gives its month where it can only be read one way
    ("Mao arrived in Moscow on 1949-11-16 after a long journey.", [("mao_arrived_in_moscow", "incorrect")]),
    ("Mao arrived in Moscow on 16/12/1949.", [("mao_arrived_in_moscow", "correct")]),
    ("The Treaty of Friendship, Alliance and Mutual Assistance was signed in Moscow on 14/3/1950.",
     [("treaty_signed", "incorrect")]),
    ("The Treaty of Friendship, Alliance and Mutual Assistance was signed in Moscow on 2/14/1950.",
     [("treaty_signed", "correct")]),
    # "4/3/1950" is April to some readers and March to others: the month is not read, the year is right
    ("The Treaty of Friendship, Alliance and Mutual Assistance was signed in Moscow on 4/3/1950.",
     [("treaty_signed", "correct")]),
    # an opening scene after a word of sequence still dates its whole main clause
    ("Then in 1949 Mao went to Moscow and they signed the treaty.",
     [("treaty_signed", "incorrect"), ("mao_in_moscow", "correct")]),
    # a year written in words is a year; a century word before anything but tens or a teen is not
    ("Liu Shaoqi travelled to Moscow in the summer of nineteen forty-eight.", [("liu_shaoqi_visit", "incorrect")]),
    ("Liu Shaoqi travelled secretly to Moscow in the summer of nineteen forty-nine.",
     [("liu_shaoqi_visit", "correct")]),
    ("In nineteen fifty Mao signed the treaty in Moscow.", [("treaty_signed", "correct")]),
    ("Nineteen delegates watched Mao sign the treaty in Moscow in 1950.", [("treaty_signed", "correct")]),
    # the same words name two visits, each with its own month: the month is checked against its year's visit
    ("Mao arrived in Moscow in early November 1949.", [("mao_arrived_in_moscow", "incorrect")]),
    ("Mao arrived in Moscow in November 1957 for the conference.", [("mao_second_moscow_visit", "correct")]),
    # reluctance or eagerness to do something is no claim that it was done then
    ("Stalin was reluctant to sign a new treaty when Mao reached Moscow in December 1949.",
     [("mao_arrived_in_moscow", "correct")]),
    ("Stalin's unwillingness to sign a treaty in 1949 angered Mao.", []),
    # a past perfect happened before the time the sentence opens with: the opening date is not its date
    ("In August 1945, as he had promised Roosevelt and Churchill at Yalta, Stalin signed a treaty with Chiang's "
     "government.", [("kmt_treaty_1945", "correct"), ("yalta_conference", "correct")]),
    ("In August 1945, at Yalta, Stalin signed a treaty with Chiang's government.",
     [("kmt_treaty_1945", "correct"), ("yalta_conference", "incorrect")]),
    # a negation denies only the clause it stands in
    ("Acheson's speech of January 1950 pledged that America would defend Taiwan, which convinced Mao that "
     "Washington would never accept unification.", [("acheson_promised_defence", "incorrect")]),
    ("The Korean War, which had broken out in 1948, showed how dangerous American power could be.",
     [("korean_war_began", "incorrect")]),
])
def test_fact_status(rubric, text, expected):
    assert [(f, s) for f, s, _ in checks(rubric, text)] == expected


def test_fact_check_quotes_the_students_sentence(rubric):
    text = "Some context here. The Sino-Soviet treaty was signed in Beijing in 1945."
    (fact, status, quoted), = checks(rubric, text)
    assert quoted == "The Sino-Soviet treaty was signed in Beijing in 1945."


def test_wrong_fact_in_result_carries_the_correct_version(rubric):
    from grader import grade_text

    from .conftest import DATA

    essay = (DATA / "essay_developed.txt").read_text(encoding="utf-8")
    result = grade_text(essay.replace("signed in Moscow on 14 February 1950", "signed in Beijing in 1949"), rubric)
    wrong = [f for f in result.facts if f.status == "incorrect"]
    assert [f.note for f in wrong] == [
        "The Treaty of Friendship, Alliance and Mutual Assistance was signed in Moscow on 14 February 1950, by Zhou Enlai "
        "and Andrei Vyshinsky in the presence of Mao and Stalin, for thirty years."]
    assert any("Check your facts" in s for s in result.improvements)




BUNDLED_FACTS = load_rubric("sino-soviet-alliance").facts


@pytest.mark.parametrize("fact", BUNDLED_FACTS, ids=lambda f: f.id)
def test_each_fact_is_credited_when_right_and_flagged_when_wrong(rubric, fact):
    """The bundled fact bank's own examples (`grader rubric check` runs them too). A later event is a digression,
    whose right date is not confirmed, so it may have only wrong examples."""
    assert fact.examples.wrong
    for right in fact.examples.right:
        assert (fact.id, "correct") in [(f, s) for f, s, _ in checks(rubric, right)]
    for wrong in fact.examples.wrong:
        assert (fact.id, "incorrect") in [(f, s) for f, s, _ in checks(rubric, wrong)]


@pytest.mark.parametrize("text, expected", [
    ("The China White Paper issued by President Eisenhower's administration in August 1949 blamed the Nationalists.",
     [("us_president", "incorrect")]),
    ("The China White Paper issued by President Truman's administration in August 1949 blamed the Nationalists.",
     [("white_paper", "correct")]),
    # the paragraph's own date carries to a sentence that states none
    ("Mao's visit to Moscow began in December 1949. At the signing the Soviet Premier, Georgy Malenkov, looked on.",
     [("mao_in_moscow", "correct"), ("soviet_leader", "incorrect")]),
    ("In December 1949 Mao travelled to Moscow, where the Soviet leader, Stalin, received him.",
     [("mao_in_moscow", "correct")]),
    # another person beside the office is not its holder; a later holder named as such is no claim about then
    ("In 1950 Mao and the Soviet leader signed the treaty in Moscow.", [("treaty_signed", "correct")]),
    ("In 1950 Khrushchev, the future Soviet leader, was still a regional party boss.", []),
    # role_window = 4: four small words between the name and the office still give it; five do not
    ("In 1950 Malenkov, who as the new Soviet leader, met Mao in Moscow.", [("soviet_leader", "incorrect")]),
    ("In 1950 Malenkov, who had then been the Soviet leader, met Mao in Moscow.", []),
    # a title other offices share names this one only beside its holders
    ("In 1949 President Chiang Kai-shek withdrew to Taiwan.", [("kmt_to_taiwan", "correct")]),
    ("In the Northeast, Gao Gang's administration traded closely with the Soviet authorities in 1949.", []),
    ("In 1950 the American President, Eisenhower, refused to recognise Beijing.", [("us_president", "incorrect")]),
    ("In 1950 the US President, Chiang Kai-shek, refused to recognise Beijing.", [("us_president", "incorrect")]),
])
def test_an_office_is_checked_against_who_held_it_then(rubric, text, expected):
    assert [(f, s) for f, s, _ in checks(rubric, text)] == expected


def test_a_list_of_terms_is_corrected_but_never_confirmed(rubric):
    from grader import grade_text

    from .conftest import DATA

    essay = (DATA / "essay_developed.txt").read_text(encoding="utf-8")
    wrong = "Yalta Conference 1944, Korean War outbreak 1948, Stalin, Mao, Manchuria, Port Arthur."
    right = "Yalta Conference February 1945, Korean War outbreak June 1950, Stalin, Mao, Manchuria, Port Arthur."
    names = "Chiang Kai-shek Yalta Manchuria Port Arthur Tito Korea."
    result = grade_text(f"{essay}\n\n{wrong}\n\n{right}\n\n{names}\n", rubric, explain=True)
    by_line = {line: sorted((f.id, f.status) for f in result.facts if f.text.strip() == line)
               for line in (wrong, right, names)}
    assert by_line == {wrong: [("korean_war_began", "incorrect"), ("yalta_conference", "incorrect")],
                       right: [], names: []}
    assert {s.text.strip(): s.rule for s in result.sentences if s.text.strip() in by_line}[wrong] == "keyword_list"


def test_a_paragraph_set_after_stalins_death_may_call_khrushchev_the_leader(rubric):
    later = "Khrushchev denounced Stalin in 1956. To Khrushchev, Mao's talk of war sounded reckless, and the Soviet leaders grew wary."
    alone = "To Khrushchev, Mao's talk of war sounded reckless, and the Soviet leaders grew wary."
    assert [f for f, _, _ in checks(rubric, later)] == []
    assert [f for f, _, _ in checks(rubric, alone)] == ["khrushchev_in_1950"]
    assert [f for f, _, _ in checks(rubric, "Khrushchev denounced Stalin in 1956.\n\n" + alone)] == ["khrushchev_in_1950"]


@pytest.mark.parametrize("text, expected", [
    # "the treaty" with no other treaty named in the paragraph is the rubric's treaty, checked on what it states
    ("Mao went to Moscow in December 1949 and stayed there for a long time. The treaty was finally signed on "
     "February 14, 1951.", [("mao_in_moscow", "correct"), ("treaty_signed", "incorrect")]),
    ("Eventually the treaty was signed on 14 February 1950.", [("treaty_signed", "correct")]),
    # "It" after a sentence that named the treaty is the treaty
    ("On 14 February 1950 the Treaty of Friendship, Alliance and Mutual Assistance was signed. It was to last for "
     "fifty years.", [("treaty_signed", "correct"), ("treaty_signed", "incorrect")]),
    # "the new treaty" after the 1945 one is the 1950 one; "the treaty" after the 1945 one is that one
    ("Stalin did not want to tear up the 1945 treaty. In February 1950 the new treaty was signed in Beijing.",
     [("treaty_signed", "incorrect")]),
    ("In August 1945 Stalin signed a treaty with Chiang Kai-shek. The treaty was signed by Molotov.",
     [("kmt_treaty_1945", "correct"), ("kmt_treaty_1945", "correct")]),
    # a treaty of another year, or one named by its parties, leaves "the treaty" unknown; a treaty that only
    # seems or means something states nothing about it
    ("In 1951 the US and Japan signed a security treaty. The treaty was signed in San Francisco.", []),
    ("The US signed a security treaty with Japan. The treaty was signed in San Francisco.", []),
    ("To observers in Washington the treaty seemed to confirm what they had long assumed.", []),
    # who signed is how a sentence names another agreement: not judged when "the agreement" is only a guess
    ("China entered into the armistice. The agreement was signed by Peng Dehuai, Kim Il-sung and Mark Clark.", []),
])
def test_the_treaty_and_it_refer_to_the_event_the_paragraph_means(rubric, text, expected):
    assert [(f, s) for f, s, _ in checks(rubric, text)] == expected


@pytest.mark.parametrize("text", [
    # a detail the sentence gives the event, too far off to correct, leaves the claim unconfirmed
    "He sent Mikoyan to meet Mao at Xibaipo in January 1948 to find out what kind of person Mao was.",
    "When Anastas Mikoyan visited Mao at his headquarters in Yan'an in early 1949, he reported back.",
    "The Soviet Union gave a loan of 300 million US dollars, spread over five years, at an interest rate of 5 "
    "percent, and it promised to give back the railway and Port Arthur.",
])
def test_a_detail_too_far_to_correct_is_too_near_to_confirm(rubric, text):
    assert [s for _, s, _ in checks(rubric, text)] == []


def test_an_event_after_by_is_the_agent_not_a_time(rubric):
    text = ("The Sino-Soviet Alliance was created by the Treaty of Friendship, Alliance and Mutual Assistance, which "
            "was signed in Moscow on 14 February 1950.")
    assert [(f, s) for f, s, _ in checks(rubric, text)] == [("treaty_signed", "correct")]


@pytest.mark.parametrize("text, expected", [
    # a leading "He" is the one person the sentence before named, for the claim it makes
    ("Stalin was cautious about the Chinese Communists. He travelled to Beijing in December 1949 to meet Mao.",
     [("stalin_in_china", "incorrect")]),
    ("Stalin was cautious. He died in March 1953.", [("stalin_died", "correct")]),
    # with two people named before it, "He" may be either: left alone
    ("Mao met Stalin in Moscow. He travelled to Beijing in December 1949.", []),
    # a new paragraph starts afresh
    ("Stalin was cautious.\n\nHe travelled to Beijing in December 1949.", []),
])
def test_a_leading_pronoun_stands_for_the_one_person_named_before_it(rubric, text, expected):
    assert [(f, s) for f, s, _ in checks(rubric, text)] == expected


@pytest.mark.parametrize("text, expected", [
    # a word inside a long title stands where the title stands: "signed" after it is beside it
    ("The Treaty of Friendship, Alliance and Mutual Assistance was finally signed in Moscow on 14 February 1951.",
     [("treaty_signed", "incorrect")]),
    # a year beside another of the event's words than the nearest one leaves it unconfirmed
    ("Stalin also dealt directly with Chiang: in August 1937 the USSR signed a non-aggression pact with the "
     "Nationalist government.", [("kmt_pact_1937", "correct")]),
])
def test_long_titles_and_years_beside_other_words_of_the_event(rubric, text, expected):
    assert [(f, s) for f, s, _ in checks(rubric, text)] == expected


@pytest.mark.parametrize("text, expected", [
    # "After B, A": the order reaches the main clause, not an event in a later clause of its own
    ("After the Soviet atomic test in August 1949, Stalin was in a stronger position globally, and an alliance with "
     "China would strengthen Soviet influence across Asia just as NATO (founded in April 1949) was uniting the West.",
     []),
])
def test_an_opening_word_of_order_governs_its_main_clause(rubric, text, expected):
    assert [(f, s) for f, s, _ in checks(rubric, text)] == expected


@pytest.mark.parametrize("year", ["year", "YEAR", "ye-\nar"])
def test_that_same_year_takes_the_paragraphs_year_however_the_word_is_written(rubric, year):
    """"that same year" dates the event by the year stated before it, also when a hard-wrapped line breaks the
    word with a hyphen."""
    text = ("Japan surrendered in 1945 and the civil war in China began again soon after. Mao travelled to Moscow "
            f"that same {year} to meet Stalin and sign a treaty.\n\nA second paragraph follows.")  # blank lines:
    # the lines of a block are one paragraph
    assert ("mao_in_moscow", "incorrect") in [(fact, status) for fact, status, _ in checks(rubric, text)]
