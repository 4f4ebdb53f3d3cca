"""fact_check: claims about the events of the rubric's fact bank are checked for year, month, place, people
and amount, sentences are checked against the rubric's known misconceptions, and an office given to someone
who did not hold it at the sentence's date is wrong.

The checking itself is `facts.check_facts`, which reads these settings; a wrong claim is screened by
`wrong_fact`, and accurate ones feed the parts judged `from: facts`.
"""
from __future__ import annotations

from .base import Rule, Setting

RULE: Rule = Rule(
    "fact_check", "A sentence that names an event of the fact bank and states its year, place or people is checked: "
    "correct when a stated detail is right, incorrect when a different one is bound to the event; anything vaguer "
    "is left unchecked.", "matching",
    (Setting("year_window", int, 6, "Words from the event within which a different year, in the same clause, makes "
             "the claim wrong (and a different person is read as the doer).", minimum=0),
     Setting("date_window", int, 12, "Words from the event within which an accepted year makes the claim right, and "
             "an amount of money in the same clause is checked.",
             minimum=0),
     Setting("mention_words", int, 7, "Most words between the end of the first term and the start of the last of an "
             "event's `about` combination, for the sentence to mention the event.", minimum=0),
     Setting("place_window", int, 5, "Words from the event within which a different place after 'in'/'at' makes the "
             "claim wrong.", minimum=0),
     Setting("claim_margin", int, 4, "Words either side of a misconception's matched terms within which a negation "
             "denies the claim; farther off it belongs to another clause.", minimum=0),
     Setting("denial_window", int, 2, "Words before an event's terms within which a negation denies the event (\"refused "
             "to sign a treaty\"): a denied event is neither confirmed nor corrected.", minimum=0),
     Setting("scene_words", int, 10, "Most words of a sentence's opening phrase of names and dates closed by a comma "
             "(\"At the Yalta Conference in February 1945,\"), which then governs the whole main clause.", minimum=0),
     Setting("order_reach", int, 4, "Most words between a word of order (\"after\", \"before\") and the event it "
             "names, for the sentence to claim which of two events came first.", minimum=0),
     Setting("reference_reach", int, 5, "Most words after \"the treaty\" (a fact's `referred_to_as`) or a leading "
             "\"It\" within which the sentence must say what happened to the event (\"was signed\", \"was to last\") "
             "for the details it gives to be checked as the event's.", minimum=0),
     Setting("role_window", int, 4, "Most small words between an office of the rubric's `offices` and a person's name "
             "for the sentence to give that person the office (\"Khrushchev, who as the new Soviet leader\").",
             minimum=0)))
