"""Deterministic classes of synthetic student essays on the bundled question (the origins of the Sino-Soviet
alliance), for speed benchmarks of the grader's batch mode (`grader batch FOLDER -o OUT --workers N`).

    python benchmarks/make_class.py OUT_FOLDER --count N [--kind txt|docx|mixed|copies] [--seed S]

Kinds: `txt` writes N .txt files; `docx` N Word files (a title line, then one paragraph per paragraph);
`mixed` three quarters .txt and every fourth essay .docx; `copies` N .txt files made of N/4 distinct texts,
each written 4 times under its own name, the copies N/4 files apart (N must be a multiple of 4).

The essays come from a small grammar, every piece of it written for this script. A sentence is an optional
frame ("From Stalin's point of view,") or connective ("Moreover,"), a clause, and often a second clause after a
joining word (", while"). Clauses are grouped by the part of the question they answer (the introduction, the
Chinese Communists' view, the Soviet view, how natural the alliance was, domestic and international factors,
what worked against it, the conclusion's final reason) and written as templates with alternatives `{a|b}`,
optional words `[x]` and named slots `<name>`. Each essay draws a skill, an error rate and a stance: weak essays
skip parts, pad with vague sentences and end without a clear reason; strong ones are longer and cover every part
with names and dates; some put a wrong year or figure into a date or figure slot. Essays have 600-1,200 words
(counted as `len(text.split())`) in 5-9 paragraphs. Graded with the bundled rubric, a class spreads over every
band (on 300 essays: 13% Not yet, 27% Limited, 21% Satisfactory, 33% Good, 7% Excellent; the mean rises from
40% at the lowest skills to 75% at the highest).

No run of 12 consecutive words (lower-cased, punctuation stripped) is shared by two different essays of a
class (for `copies`, by two different texts), nor a run of 12 words as the grader's tokenizer splits them (at
hyphens and symbols, a possessive 's dropped), so its shared-passage report stays empty too. Every piece of the
grammar has at most 11 words, so every such run crosses a join between pieces chosen independently, which gives
the variety; and it is enforced: the runs of the essays written so far are kept as 64-bit rolling hashes (over
blake2b hashes of the words) in a Bloom filter, and a sentence with a run seen before, across sentence and
paragraph boundaries too, is written again (a false positive only costs a rewrite). A clause that keeps colliding has used up its variety and is left out of the
rest of the class (about a dozen of some 400 clauses by the end of 10,000 essays). The title line of a .docx
file is outside the check (the grader reads it as front matter).

Deterministic: a seeded random.Random, stable hashes, no clock; the same arguments give byte-identical files,
.docx included (fixed core properties: author, created and modified dates, revision; fixed zip entry times).
The filter is sized by the count, so a class of 40 is not the first 40 essays of a class of 10,000.

Speed (measured on the development machine, 2 cores, Python 3.11): 10,000 .txt essays in about 50 s, with a
76 MB filter (a third of the sentences drawn collide and are drawn again); a .docx file costs about 20 ms more
(python-docx). `grader batch` on those 10,000 with 2 workers takes about 70 s.
"""
from __future__ import annotations

import argparse
import datetime as dt
from array import array
import hashlib
import io
import random
import re
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Union

ROOT = Path(__file__).resolve().parent.parent

KINDS = ("txt", "docx", "mixed", "copies")
#: Every n-th essay of a `mixed` class is a .docx file; `copies` writes each distinct text this many times.
DOCX_EVERY = 4
COPIES = 4
#: File names carry at least this many digits (student00001.txt).
NAME_DIGITS = 5

MIN_WORDS, MAX_WORDS = 600, 1200
MIN_PARAGRAPHS, MAX_PARAGRAPHS = 5, 9
#: Body paragraphs stand between the introduction and the conclusion.
MIN_BODY, MAX_BODY = MIN_PARAGRAPHS - 2, MAX_PARAGRAPHS - 2
#: The words an essay aims at, drawn from a range that moves up with skill (stronger students write more on
#: each part); paragraphs stop near their share of it, so most drafts land inside the limits.
TARGET_WORDS = (640, 950)
TARGET_SKILL_BONUS = 180
#: A paragraph stops once another sentence would probably overshoot its share by more than half a sentence.
HALF_SENTENCE = 8
#: Each part's share of the target; a body paragraph's weight is jittered by this much either way.
INTRO_WEIGHT, CONCLUSION_WEIGHT, BODY_WEIGHT, WEIGHT_JITTER = 0.75, 0.7, 1.0, 0.25

RUN = 12
#: A clause written longer than this is drawn again (up to CLAUSE_REDRAWS times): a run of RUN words around a
#: long clause holds few words of its neighbours, which is where the variety between essays comes from.
CLAUSE_SOFT_MAX = 9
CLAUSE_REDRAWS = 4
#: Rewrites of a sentence whose runs collide, and failed sentences after which a paragraph ends early.
SENTENCE_TRIES = 6
PARAGRAPH_FAILURES = 3
#: Random draws from a pool before listing its free clauses.
QUICK_PICKS = 3
#: A clause in this many failed sentences in a row has used up its variety: the class writes it no more.
RETIRE_AFTER = 40
#: Drafts of one essay before giving up (a draft fails when it lands outside the word or paragraph limits).
ESSAY_TRIES = 25
#: The record of runs, a blocked Bloom filter: at most this many runs an essay (of words and of fine words; about
#: 1,100 in practice), one 64-bit block for every RUNS_PER_BLOCK of them (at least MIN_BLOCKS), and each run sets
#: BLOOM_BITS bits of one block. For 10,000 essays: 10 million blocks (76 MB); by the end a new run is taken for
#: an old one (and its sentence written again) well under once in 1,000.
RUNS_PER_ESSAY = 2000
RUNS_PER_BLOCK = 2
MIN_BLOCKS = 1 << 16
BLOOM_BITS = 4
#: The rolling hash: an odd 64-bit multiplier, arithmetic modulo 2**64.
HASH_BASE = 0x9E3779B97F4A7C15
HASH_MASK = (1 << 64) - 1
HASH_BASE_RUN = pow(HASH_BASE, RUN, 1 << 64)

#: Chance that an optional part `[x]` of a template is written.
OPTIONAL_CHANCE = 0.45
#: Chances that a sentence opens with one of its part's frames, or else with a connective (not a paragraph's
#: first sentence), and that it joins a second clause to its first.
FRAME_CHANCE = 0.25
OPENER_CHANCE = 0.25
SECOND_CLAUSE_CHANCE = 0.55
#: An essay's profile: the share of vague clauses at skill 0 (it falls with (1 - skill) ** FILLER_CURVE), the share
#: of clauses with names and dates (base + slope * skill), the chance of a topic sentence first, and the chance of
#: a clear key sentence (a verdict, a final reason) rather than a hedged or vague one.
MAX_FILLER_SHARE = 0.75
FILLER_CURVE = 1.5
DETAIL_SHARE = (0.05, 0.7)
TOPIC_CHANCE = (0.4, 0.55)
KEY_CHANCE = (0.05, 0.95)
#: The share of essays without factual errors (base + slope * skill); the others get each date or figure wrong
#: with a chance in this range, less the more skilled the student (times 1 - ERROR_SKILL_CUT * skill).
ERROR_FREE_SHARE = (0.3, 0.5)
ERROR_RATE = (0.1, 0.5)
ERROR_SKILL_CUT = 0.6
#: The chance that each body part is covered: base + slope * skill.
INCLUDE_CHANCE = {"ccp": (0.6, 0.4), "ussr": (0.35, 0.65), "natural": (0.25, 0.75), "domestic": (0.3, 0.6),
                  "international": (0.35, 0.6), "against": (0.2, 0.75)}
BODY_PARTS = tuple(INCLUDE_CHANCE)
#: Weak essays often open their body with a story of the civil war (the chance at skill 0, falling with skill).
BACKGROUND_CHANCE = 0.6
#: Some essays judge how natural the alliance was after the factors rather than before them.
LATE_JUDGEMENT_CHANCE = 0.35
STANCES = ("natural", "partly", "not")

DOCX_AUTHOR = "make_class"
DOCX_DATE = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
DOCX_TITLES = ("The origins of the Sino-Soviet alliance", "History essay: the Sino-Soviet alliance",
               "Why did Mao ally with Stalin?", "Mao, Stalin and the treaty of 1950",
               "The Sino-Soviet alliance, 1945-1950")


# --- the grammar ----------------------------------------------------------------------------------------------

class Alt:
    """`{a|b|c}`: one of the alternatives, chosen evenly."""
    __slots__ = ("options",)

    def __init__(self, options: tuple[Seq, ...]):
        self.options = options


class Opt:
    """`[x]`: written with OPTIONAL_CHANCE."""
    __slots__ = ("seq",)

    def __init__(self, seq: Seq):
        self.seq = seq


class Slot:
    """`<name>`: a phrase from SLOTS, or a date or figure from FACTS that an essay may get wrong."""
    __slots__ = ("name",)

    def __init__(self, name: str):
        self.name = name


Node = Union[str, Alt, Opt, Slot]
Seq = tuple[Node, ...]


def parse(text: str) -> Seq:
    """A template compiled once, so that writing a sentence only walks a small tree."""
    seq, end = _parse(text, 0, "")
    if end != len(text):
        raise ValueError(f"unbalanced template at {end}: {text!r}")
    return seq


def _parse(text: str, pos: int, stops: str) -> tuple[Seq, int]:
    seq: list[Node] = []
    literal: list[str] = []

    def flush() -> None:
        if literal:
            seq.append("".join(literal))
            literal.clear()

    while pos < len(text) and text[pos] not in stops:
        char = text[pos]
        if char == "{":
            flush()
            options = []
            while True:
                option, pos = _parse(text, pos + 1, "|}")
                options.append(option)
                if pos >= len(text):
                    raise ValueError(f"unclosed {{ in {text!r}")
                if text[pos] == "}":
                    break
            seq.append(Alt(tuple(options)))
            pos += 1
        elif char == "[":
            flush()
            inner, pos = _parse(text, pos + 1, "]")
            if pos >= len(text):
                raise ValueError(f"unclosed [ in {text!r}")
            seq.append(Opt(inner))
            pos += 1
        elif char == "<":
            flush()
            end = text.index(">", pos)
            seq.append(Slot(text[pos + 1 : end]))
            pos = end + 1
        elif char in "|}]>":
            raise ValueError(f"stray {char!r} in {text!r}")
        else:
            literal.append(char)
            pos += 1
    flush()
    return tuple(seq), pos


# Named phrases. A slot that may be a clause's subject takes only verbs without agreement (the past tense).
SLOTS = {
    "cc": "{Mao|the CCP|the Communists|Mao's party|Beijing|the Chinese Communists|Mao Zedong}",
    "sv": "{Stalin|Moscow|the Kremlin|the Soviets|the USSR|the Soviet Union}",
    "stalin": "{Stalin|Joseph Stalin|the Soviet leader}",
    "us": "{the United States|America|the USA|Washington|the Americans|the Truman administration}",
    "kmt": "{the Guomindang|the Nationalists|Chiang's Nationalists|the KMT|Chiang Kai-shek}",
    "needed": "{needed|badly needed|urgently needed|depended on|counted on|wanted|sought|looked for}",
    "aid": "{Soviet aid|economic aid|Soviet loans|Soviet money|help from Moscow|Soviet credits|outside help|"
           "financial help}",
    "experts": "{Soviet experts|Soviet advisers|Russian engineers|Soviet technicians|Soviet specialists}",
    "rebuild": "{rebuild|reconstruct|restore|repair|revive|modernise}",
    "war_years": "{{years|decades} of {war|fighting|civil war|invasion}|{a decade|twelve years} of {war|fighting|"
                 "invasion}}",
    "ideology": "{Marxism-Leninism|communist ideology|the same ideology|Marxist ideas|a shared Marxist-Leninist "
                "ideology|the same beliefs|socialist ideas}",
    "protect": "{protection|security|a shield|a protector|military protection|a powerful protector}",
    "cold_war": "{the Cold War|the early Cold War|the growing Cold War|the East-West confrontation}",
    "mistrust": "{mistrust|distrust|suspicion|tension|bitterness|resentment|friction}",
    "tito": "{an Asian Tito|a Chinese Tito|another Tito|a second Tito}",
    "railway": "{the Changchun railway|the Chinese Eastern Railway|the Manchurian railway|the Changchun Railway}",
}

# Dates and figures an essay may get wrong: (right, wrong).
FACTS = {
    "treaty_date": ("{in February 1950|on 14 February 1950|on February 14, 1950|in Moscow in February 1950}",
                    "{in December 1949|in October 1949|in 1949|in March 1950|in 1951}"),
    "treaty_length": ("{thirty years|30 years}", "{fifty years|twenty years|ten years}"),
    "prc_date": ("{on 1 October 1949|in October 1949}", "{on 1 October 1950|in January 1949|in 1950}"),
    "yalta_date": ("{in February 1945|early in 1945}", "{in 1943|in February 1946|in 1944}"),
    "kmt_treaty_date": ("{in August 1945|in summer 1945}", "{in 1947|in August 1946}"),
    "moscow_date": ("{in December 1949|in mid-December 1949}", "{in 1945|in March 1950|in January 1950}"),
    "lean_date": ("{in June 1949|in mid-1949|in 1949|in July 1949}", "{in 1952|in 1947}"),
    "tito_date": ("{in 1948|in June 1948}", "{in 1950|in 1946}"),
    "white_paper_date": ("{of August 1949|of 1949}", "{of 1951|of 1947}"),
    "acheson_date": ("{of January 1950|in January 1950}", "{of 1952|in 1948}"),
    "bomb_date": ("{in August 1949|in 1949}", "{in 1945|in 1947}"),
    "korea_date": ("{in June 1950|in mid-1950}", "{in 1948|in 1951}"),
    "truman_date": ("{of March 1947|of 1947}", "{of 1950|of 1945}"),
    "nato_date": ("{in April 1949|in 1949}", "{in 1952|in 1946}"),
    "japan_date": ("{in August 1945|in 1945}", "{in 1944|in 1946}"),
    "taiwan_date": ("{in 1949|in December 1949|late in 1949}", "{in 1947|in 1951}"),
    "manchuria_date": ("{in August 1945|in 1945}", "{in 1944|in 1947}"),
    "ccp_founded": ("{in 1921}", "{in 1927|in 1919}"),
    "shanghai_date": ("{of April 1927|of 1927}", "{of 1931|of 1925}"),
    "pa_return": ("{by 1952|by late 1952|within three years}", "{straight away|at once|immediately}"),
    "loan_amount": ("{$300 million|300 million dollars|US$300 million}", "{$3 billion|$30 million|$500 million}"),
    "loan_repay": ("{had to be repaid|was to be repaid|would have to be repaid}",
                   "{did not have to be repaid|never had to be repaid}"),
}

# Connectives before a sentence that is not its paragraph's first, and words joining two clauses.
OPENERS = ("moreover,", "in addition,", "furthermore,", "on top of this,", "at the same time,", "also,",
           "besides,", "what is more,", "equally,", "likewise,", "in the same way,", "alongside this,",
           "added to this,", "beyond this,", "crucially,", "significantly,", "importantly,", "in particular,",
           "for example,", "for instance,", "indeed,", "in fact,", "of course,", "clearly,", "even so,", "still,",
           "meanwhile,", "similarly,", "then again,", "as a result,", "because of this,", "for this reason,",
           "it is also worth noting that", "we should remember that", "it is clear that", "it is true that",
           "another point is that", "not surprisingly,", "unsurprisingly,", "on the other hand,")
JOINS = (", and", ", and", ", while", ", and also", "; indeed,", "; in addition,", ", and meanwhile", "; moreover,",
         "; besides,", "; furthermore,", "; also,", ", and indeed", "; meanwhile,", "; after all,", "; in fact,",
         "; of course,", ", and in fact", "; what is more,", "; on top of that,", ", and besides")

# Vague clauses, the padding of weak essays: on the topic's surface, with few of the rubric's terms.
FILLER = [
    "this was {very|really|extremely} {important|significant|complicated}",
    "{it|this} {shows|showed} how {complicated|complex|unpredictable} history {can be|is}",
    "many {things|changes|events} {happened|took place} {at this time|in this period|after the war}",
    "it is {hard|difficult|not easy} to say {exactly|precisely} what {mattered|counted} {most|more}",
    "{the|both} {two|} {countries|nations} were {very|quite} different in {many|several} ways",
    "{I think|in my opinion|I believe} this {is|was} {a fascinating|an important|an interesting} {period|topic|"
    "story}",
    "leaders {often|usually|sometimes} {make|have to make} {choices|decisions} {based on|for} their {needs|"
    "interests}",
    "{things|relations|the situation} {changed|shifted} {a lot|quickly|many times} {over time|in these years|in those years}",
    "{there are|there were} {many|different} {ways|angles} to {look at|think about} {this|the question}",
    "{power|money|security|trust} {is|was} always {important|a key issue} {between|among} {countries|states|"
    "great powers}",
    "{nobody|no one} {could know|could predict|knew} what would happen {next|later|in future}",
    "{friendships|partnerships|deals} between {countries|states} {are|can be} {fragile|complicated|hard to keep}",
    "{the|this} {period|era} after the war was {full of|a time of} {change|uncertainty|danger}",
    "{both|the two} {leaders|men} had {strong|firm} {views|opinions} about {the world|the future|politics}",
    "{this|such a decision} was {never|not} {easy|simple|quick} {to make|for anyone|}",
    "{in those days|at that time|back then} the world {was|felt} {very|quite} {different|tense|uncertain}",
    "{it is|it's} easy to {judge|criticise} {with hindsight|today|now}",
    "{at the time|back then} the {options|choices} {were|looked} {far from clear|much less obvious}",
    "{everyone|each side|every country} {involved|taking part} wanted {something for itself|an advantage}",
    "{the|this} {story|relationship|period} {is|remains} {worth studying|interesting|important} {today|even now|}",
    "{history|the past} {can|will} {often|sometimes} {surprise|confuse} {us|people|historians}",
    "{big|great|major} {countries|powers} {always|usually|often} {look after|protect} their own {interests|"
    "people}",
    "there were {a lot of|many} {problems|difficulties} {on both sides|for everyone|at the time}",
    "{this|that} {point|factor|issue} {should|must} not be {forgotten|ignored|underestimated}",
    "{war|conflict} {changes|changed} {countries|people|everything} in {many|unexpected|lasting} ways",
    "{the|both} {sides|countries} {had|faced} {their own|many} {problems|difficulties} {at home|too|}",
    "{the results|the effects|the consequences} {were|would be} {felt|seen} for {many years|decades|a long time}",
    "{politics|diplomacy} {is|was} {rarely|never} {simple|straightforward|black and white}",
    "{the|this} {situation|moment} was {a turning point|a key moment|a crossroads} {in history|for Asia|for the "
    "world}",
    "{we should|we must|one must} {remember|not forget} {the context|the circumstances|the time}",
]

# Each part: frames (openings of its own), topic clauses for a paragraph's first sentence, body and detail
# clauses, and for some parts key clauses written second (clear, or weak for weak essays), or signposts
# ("filler") of their own.
INTRO = {
    "frames": ["{at first sight|on the face of it|looking back|in hindsight|to observers at the time|"
               "at the time},"],
    "topic": [
        "{nobody|few people|hardly anyone} {expected|predicted|foresaw} {a Sino-Soviet alliance|an alliance "
        "between Mao and Stalin|such a treaty} in 1945",
        "{the end of|the close of} {the Second World War|World War II|the war against Japan} {changed|transformed|"
        "reshaped} {East Asia|Asia|China|the Far East}",
        "{the|this} alliance {shaped|defined|transformed} {the early Cold War|Asian politics|the post-war world} "
        "{in Asia|for a decade|for years|}",
        "{China|the mainland} {was torn by|suffered} {a bitter|a brutal|a long} civil war {after 1945|from "
        "1946|}",
        "{it|the treaty} {joined|linked} {the Soviet Union|Stalin's USSR} {with|to} {Asia's largest nation|the "
        "most populous country|a huge communist state}",
    ],
    "body": [
        "the question asks {why|how} {the alliance came about|the two powers came together|Mao and Stalin became "
        "allies}",
        "it also asks {how natural|how genuine|how close} the {alliance|partnership} {really|actually|} was",
        "{to understand|to explain} {it|the alliance}, {we must|one must|we should} {look at|consider|examine} "
        "{both sides|each side|the two sides}",
        "<cc> {wanted|needed|hoped for} {certain things|aid and protection|security and money} {from Moscow|from the "
        "alliance}",
        "{Stalin|the Soviet leader} {had|pursued|followed} {his own|quite different|separate} {aims|interests|"
        "priorities} {in Asia|in China|in the Far East}",
        "{the alliance|it} {looked|seemed|appeared} {natural|obvious|logical} {on paper|at first sight|to "
        "outsiders}",
        "both {parties|states|leaderships} {believed in|followed|claimed to follow} <ideology>",
        "{their shared past|their history|the record between them} {was|had been} {full of|marked by} <mistrust>",
        "{I argue that|I believe that|in my view} {necessity|need|fear of America|hard necessity} {drove|pushed|"
        "led} Mao {towards|to} {Moscow|the alliance|Stalin}",
        "{both leaders|each leader|each side} {came to|approached} the {talks|negotiations} with {different|"
        "separate|their own} {aims|worries|hopes}",
        "{historians|scholars|textbooks} {still|often} {argue about|debate|discuss} {its origins|how it began|why "
        "it happened}",
        "{the|this} {question|topic} {has|contains} {several|many|three} {parts|layers|sides}",
        "{each|every} part {needs|deserves|requires} {a careful|a clear|an honest} answer",
        "{ideology|communism|Marxism} {alone|by itself} {cannot|does not} {explain|account for} {it|the alliance|the "
        "treaty}",
        "{security|money|fear|power} {mattered|counted} {at least as much|just as much|even more}",
        "{the|a} {civil war|long war|revolution} had {just|only just|finally} {ended|been won} {in China|on the "
        "mainland|}",
        "{Mao|the Chairman|Mao Zedong} {needed|wanted|sought} {a partner|some friends|an ally} {abroad|in the world|"
        "quickly}",
        "{Stalin|the Soviet leader|Moscow} {was|remained} {unsure|doubtful|wary} {of Mao|about Mao|about the CCP}",
        "{the|this} treaty {surprised|disappointed|pleased} {some observers|the West|Washington}",
        "{the alliance|the partnership} {lasted|would last} {barely a decade|only ten years|little more than a "
        "decade}",
        "{by 1949|at that point} {the world|Asia|the Far East} {looked|seemed} {very|quite|completely} different",
    ],
    "detail": [
        "<prc_date>, Mao {proclaimed|declared|founded} {the People's Republic|the People's Republic of China|the "
        "PRC}",
        "{soon afterwards|within weeks|that winter} {he|Mao|the Chairman} {travelled|went|set off} to Moscow",
        "{the 1950 treaty|the Sino-Soviet treaty|the treaty of 1950|the new treaty} was {signed|concluded|agreed} "
        "<treaty_date>",
        "it {bound|tied|committed} {the two states|both countries|the two powers} {together|to each other} for "
        "<treaty_length>",
        "{its|the} {official|formal|full} {title|name} {was|read} \"Treaty of Friendship, Alliance and Mutual "
        "Assistance\"",
        "{it was|this was} {named|called} the Treaty of Friendship, Alliance and Mutual Assistance",
        "{Mao|the Chairman} {reached|arrived in} Moscow <moscow_date>",
        "{the|his} {talks|negotiations} {with Stalin|in Moscow} {lasted|took|ran for} {about two months|many weeks|"
        "nearly two months}",
        "{Zhou Enlai|Zhou Enlai and Vyshinsky} {signed|put their names to} {the treaty|the agreement|it}",
        "{a|the} {loan|credit} of <loan_amount> {came with|was part of|accompanied} {the treaty|the deal|it}",
        "the treaty {named|identified} {Japan|a revived Japan} as the {main|chief} {threat|danger}",
    ],
    "filler": [
        "in this essay I will {look at|examine|discuss} {the Chinese side|Mao's view} first",
        "{then|after that|next} I will {turn to|consider|examine} {the Soviet side|Stalin's aims|the Soviet view}",
        "{finally|lastly} I will {weigh|discuss|look at} {the factors for and against|how natural it was}",
        "the {topic|subject} is {very|really|extremely} {interesting|important} {because|as} it {involved|"
        "concerned} two {huge|powerful} {countries|nations}",
    ],
}

CCP = {
    "frames": [
        "{from the point of view of|from the standpoint of|seen from the side of} {the CCP|the Chinese Communists|"
        "Mao's party},",
        "{for|to} {Mao|the CCP|the Chinese Communists|Mao and his colleagues},",
        "{in Beijing|in Mao's mind|in the eyes of the CCP},",
        "{after|with} {victory in the civil war|the civil war won|the Nationalists beaten},",
    ],
    "topic": [
        "{an alliance with|a treaty with|close ties with} {Moscow|the Soviet Union|the USSR} {made a lot of sense|"
        "was very attractive|seemed the obvious choice}",
        "{Mao|the CCP|the Chinese Communists} had {several|many|clear|strong} {reasons|motives} {to seek|for "
        "seeking} {an alliance|Soviet friendship|a treaty}",
        "the {main|first|most pressing} {reason|motive} {for|behind} {the alliance|the treaty|turning to Moscow} "
        "was {economic|practical|material}",
        "{Chinese|Mao's} {motives|reasons} {mixed|combined|blended} {ideology|belief|conviction} {with|and} {need|"
        "necessity|hard calculation}",
    ],
    "body": [
        "<cc> <needed> {Soviet aid|Soviet loans|Soviet money|economic help|outside help|Soviet credits} to "
        "<rebuild> {the economy|the country|Chinese industry}",
        "{China's|the} {economy|industry|currency} {lay|was} {in ruins|in chaos|close to collapse} after "
        "<war_years>",
        "<cc> <needed> <experts> and {machinery|equipment|capital}",
        "the new {factories|industries|railways} {required|needed|called for} {Soviet|Russian|foreign} {engineers|"
        "know-how|machines|credit}",
        "Mao {admired|looked up to|respected|praised} {the Soviet model|the Five-Year Plans|the Soviet "
        "drive to industrialise}",
        "{he|Mao} {wanted|expected|intended} China to {follow|copy|learn from} {the Soviet path|that example|the "
        "Soviet road}",
        "{Mao|the CCP} {saw|regarded} {Moscow|the USSR} as {centre|leader} of {world revolution|world communism|the "
        "socialist camp}",
        "{shared|common} {ideology|beliefs|Marxist convictions} {mattered|counted|played a part} {as well|in this|for them}",
        "<cc> {feared|expected|dreaded} {an American attack|an American intervention|a US invasion|a counter-attack "
        "from Taiwan}",
        "{a treaty|an alliance|a military pact} with {Moscow|Stalin|the Soviets} {promised|offered|would give} "
        "<protect>",
        "<cc> {also|} {wanted|sought|hoped for} {recognition|legitimacy|prestige|respect} {from other states|in the world|as "
        "a great power}",
        "{Soviet|Russian} {backing|support|friendship} {would|could} {raise|boost|confirm} {the new government's "
        "standing|China's status|the party's authority}",
        "{without|lacking} {foreign|outside|Soviet} {help|aid|backing}, {Mao|the CCP|Beijing} {could not|would "
        "struggle to} {finish the war|take Taiwan|beat Chiang's remnants}",
        "Mao {knew|understood|accepted} that {a weak|a poor|an exhausted} China {could not|was unable to} {stand "
        "alone|stay neutral|survive alone}",
        "{China|the new state} {could not|could hardly} {stay neutral|stand alone} in {a divided world|the Cold "
        "War}",
        "{many|most|several} {senior|leading|older} {party members|CCP leaders|cadres} had {trained|studied|lived} "
        "in {Moscow|the Soviet Union|Russia}",
        "{close ties|friendship|an alliance} with {Moscow|the Soviets|the USSR} {felt|seemed} {familiar|normal|"
        "right} to {them|the party|many of them}",
        "<cc> <needed> {modern weapons for the army|aircraft and artillery|a navy and an air force}",
        "{the|their} {fighting|war against the Nationalists|military struggle} was not {yet|quite|} {over|finished|"
        "won}",
        "what <cc> wanted {most|first} was {rapid|quick|fast} {industrial|economic} {growth|development|progress}",
        "{a party|a movement} that had fought for {two decades|twenty years|so long} {craved|wanted|needed} "
        "{recognition|respect|legitimacy}",
        "Soviet {loans|credits|money} {could|would} {pay for|fund|finance} {new|modern|heavy} {factories|industry|"
        "railways}",
        "{inflation|hunger|unemployment} {threatened|undermined|endangered} {the new regime|the revolution|"
        "the Communist government} {in the cities|in Shanghai|everywhere|}",
        "{the|China's} {army|military} {had|possessed} {no navy|no air force|almost no modern equipment}",
    ],
    "detail": [
        "<lean_date> Mao {said|declared|announced} China would {\"lean to one side\"|lean to one side}",
        "{that|this} meant {siding with|standing with|joining} {Moscow|the Soviets|the USSR} {against the West|in "
        "the Cold War|rather than staying neutral}",
        "{his essay|Mao's essay|his article} \"On the People's Democratic Dictatorship\" {made this clear|spelled "
        "this out|explained the choice}",
        "Mao {travelled|went|journeyed} to Moscow <moscow_date>",
        "{his|Mao's} {main|chief|first} {aim|goal|priority} was {a new treaty|Soviet aid|a real alliance} {and|"
        "plus} {Soviet credits|economic aid|loans}",
        "{China|Beijing|the new government} {received|obtained|got} a loan of <loan_amount>",
        "the {loan|credit} was {spread|paid|issued} over five years {at 1 per cent|at low interest|}",
        "{the|this} {money|loan} <loan_repay> {in goods|in raw materials|later|}",
        "{thousands of|hundreds of|many} <experts> {came|went} to China {in the 1950s|after 1950|over the next "
        "decade}",
        "Liu Shaoqi {secretly|} {visited|went to} Moscow {in the summer of 1949|in July 1949|in 1949}",
        "{his|Liu's} {mission|visit} {showed|proved} how {badly|urgently|much} <cc> {wanted|needed} {Soviet help|"
        "Soviet support|an understanding}",
        "Mao {stayed|remained|spent} {about two months|roughly nine weeks|two months} in Moscow {that winter|"
        "negotiating|bargaining hard}",
        "{the|this} {visit|trip|journey} was {Mao's|his} {first|very first} {journey|trip} {abroad|outside China}",
    ],
}

USSR = {
    "frames": [
        "{for Stalin|from Stalin's point of view|in Stalin's eyes|from the Soviet side|in Moscow|for the "
        "Kremlin},",
        "{seen from Moscow|looked at from Moscow|in Soviet eyes},",
    ],
    "topic": [
        "the alliance was {about|mainly about|largely about} {security|strategy|Soviet interests|power}",
        "{security|strategy|self-interest} {mattered more than|counted for more than|came before} {friendship|"
        "ideology|comradeship}",
        "<stalin> {viewed|treated|watched} {the Chinese revolution|Mao's victory|the CCP} with {caution|suspicion|"
        "wariness|reserve}",
        "the Soviet {view|position|attitude} was {more complicated|more mixed|less simple} than it {looked|seemed}",
    ],
    "body": [
        "<sv> {wanted|hoped|intended|meant} to {keep|protect|secure} {the gains of Yalta|the Yalta concessions|"
        "the privileges won in 1945}",
        "{the Soviet navy|Soviet forces|Moscow} {wanted|valued|needed} {a base at|the use of} {Port Arthur|Lushun|"
        "Port Arthur and Dalian}",
        "{control of|a stake in} <railway> {mattered|counted} {to Moscow|to Stalin|to the Soviets}",
        "{a friendly|a loyal|a communist} China {would|could} {guard|shield|protect} {the Soviet Far East|Siberia|"
        "the long eastern border}",
        "{Japan|a revived Japan|American power} {still|} {worried|alarmed|frightened} {the planners in Moscow|the "
        "Kremlin|the Soviet leader}",
        "<stalin> {feared|suspected} Mao {might|could} {become|prove} <tito>",
        "{such|an independent|a nationalist} {leader|communist} {might|would} {defy|ignore|refuse} {Moscow|orders "
        "from Moscow|Soviet direction}",
        "{leading|guiding|controlling} {the Chinese revolution|the CCP|the new China} {would|could} {confirm|"
        "strengthen|extend} {Moscow's|Soviet} {leadership|authority|influence}",
        "{Stalin|Moscow} {did not want|had no wish|was unwilling} {to risk|to provoke} {war|a war|a clash} with "
        "{America|the Americans|Washington}",
        "the {USSR|Soviet economy} {was still recovering|had not yet recovered|was still rebuilding} from {the "
        "war|its losses|the German invasion}",
        "{China's|a Chinese} alliance {would|could} {tilt|shift} {the balance of power|the global balance|the "
        "Cold War balance} {towards Moscow|eastward|towards socialism}",
        "<stalin> {expected|demanded|assumed} {Mao's|Chinese} {obedience|deference|loyalty} {in every important "
        "matter|in Asia|on big questions}",
        "{the Soviet|the Russian} {leader|dictator} {wanted|aimed} to keep {Outer Mongolia|Mongolia} {independent|"
        "outside Chinese control|a Soviet satellite}",
        "{Mongolia|Outer Mongolia} {served as|was} {a buffer|a shield|a protective zone} {for Siberia|for the "
        "Soviet border|}",
        "{until 1948|as late as 1948|even in 1948}, {Stalin|Moscow} {doubted|questioned} {a Communist victory|"
        "the CCP's chances|that Mao could win}",
        "{Stalin|Moscow} {kept|maintained} {relations|ties|contacts} with <kmt> {until the end|almost to the end|"
        "for a long time}",
        "{Soviet|Russian} {aims|goals} in {Asia|the Far East} {concerned|were about} {security|ports and railways|"
        "buffers}",
        "{a strong|an independent|a large} China {might|could} {one day|eventually|in time} {rival|challenge} "
        "{Moscow|Soviet leadership}",
        "a {communist|new} {government|regime} in Beijing was {an opportunity|a prize} and {a risk|a danger}",
    ],
    "detail": [
        "at Yalta <yalta_date> Stalin {won|gained|secured|obtained|was granted} rights in Manchuria",
        "{these|the} {rights|concessions} {covered|included} {the|} {Manchurian railways|railway lines} and {Port "
        "Arthur|Lushun|Dalian}",
        "they were {his|Stalin's} {price|reward} for {entering|joining} the war {against Japan|on Japan|in the "
        "Pacific}",
        "<kmt_treaty_date>, {Moscow|Stalin} {signed|made|concluded} a treaty with {Chiang Kai-shek|Chiang|the "
        "Nationalist government}",
        "{that|this} treaty {confirmed|secured|protected} {the Yalta|Soviet} {rights|concessions|privileges} {in "
        "China|in Manchuria|}",
        "Tito {broke with Stalin|split from Moscow|was expelled from the Cominform} <tito_date>",
        "{after that|from then on|after 1948}, Stalin {distrusted|suspected|watched} {independent-minded|"
        "nationalist|home-grown} {communists|communist leaders}",
        "Mao {arrived|came} in Moscow <moscow_date>{ for Stalin's seventieth birthday| for Stalin's 70th birthday|}",
        "{at first|initially} Stalin {refused|declined} to {discuss|consider} {a new treaty|replacing the 1945 "
        "treaty}",
        "{Moscow|Stalin} {promised|agreed} to {return|hand back} {Port Arthur|the railway|the Changchun Railway} "
        "<pa_return>",
        "Soviet {forces|troops} {stayed|remained} {at Port Arthur|in Lushun} until 1955",
        "<stalin> {insisted|demanded} that China {accept|recognise} {Outer Mongolia's independence|an independent "
        "Mongolia}",
        "{Moscow|Stalin} {also|} {gained|won|demanded} {special|economic} {rights|interests} in Xinjiang",
        "the {first|} Soviet atomic bomb {was tested|exploded} <bomb_date>",
        "{it|the bomb} {gave|brought} Stalin {new|greater} {confidence|self-assurance} {in Asia|in the Cold War|}",
        "{the treaty|this treaty} {bound|committed} {Moscow|the USSR} to {defend|help} China {against Japan|if "
        "Japan attacked}",
    ],
}

NATURAL = {
    "frames": ["{on balance|overall|all things considered|taking everything into account|in my judgement},"],
    "topic": [
        "how {natural|genuine|real} was {the|this} alliance?",
        "the {harder|central|more interesting} question is how {natural|genuine|close} {the alliance|it} "
        "{really|} was",
        "{judging this|deciding this} {means|requires} {weighing|balancing} what united them against what divided "
        "them",
    ],
    "body": [
        "both {parties|leaderships} {used|shared} {the same|a common} {Marxist-Leninist|communist|revolutionary} "
        "{vocabulary|ideas}",
        "{both|each} {saw|regarded} <us> as {the main|their chief|the principal} {enemy|threat}",
        "{their|the} {history|record} {was|had been} {full of|marked by|scarred by} {bad advice|betrayal|false "
        "promises}",
        "{this|the} {bitterness|mistrust|suspicion} {went back to|dated from|began in} {the 1920s|1927|the "
        "Comintern years}",
        "{the long|their long|a long} {border|frontier} {tied|bound|linked} {the two states|the two countries|"
        "them} together",
        "{it|the border} also {carried|held} {memories|a history} of {unequal treaties|lost territory|tsarist "
        "expansion}",
        "Mao {later|privately} {complained|remarked|grumbled} that Stalin {never|had never} {trusted|respected} "
        "{him|the CCP|the Chinese revolution}",
        "{such a remark|that complaint} hardly {suggests|describes} {a warm friendship|a close partnership|a "
        "trusting relationship}",
        "each {leader|side} {wanted|expected} {something different|a different bargain} {from|in} the {treaty|"
        "alliance}",
        "Stalin {sought|wanted} {security|influence|control} {while|whereas} Mao {sought|wanted} {aid|equality|"
        "respect|protection}",
        "{Mao|the CCP} had {long|always} {admired|respected} {the Soviet revolution|Lenin's revolution|the "
        "October Revolution}",
        "{Lenin's|Soviet} {ideas|theories} {shaped|guided|inspired} {the CCP|Mao's party|the Chinese revolution} "
        "{from the start|from 1921}",
        "{yet|but|still} Mao had {won|made} {his|the} revolution {his own way|without Moscow's plan|against Soviet "
        "advice}",
        "{his|Mao's} {peasant|rural} {strategy|revolution} {owed little to|borrowed little from} {Moscow|Soviet "
        "advice|the Comintern}",
        "{Stalin|the Soviet leader} had {backed|supported|favoured} {rivals|Mao's rivals|other leaders} {inside the "
        "CCP|in the party|}",
        "{common|shared} {enemies|fears} {can|may} {bind|join|hold} {partners|allies|states} together {for a while|"
        "only briefly|}",
        "{national|state} {interests|priorities} {rarely|seldom|do not always} {match|coincide} {so neatly|"
        "so perfectly|for long}",
        "{China|the new state} {was|remained} {proud|sensitive|touchy} about {its|its own} {independence|"
        "sovereignty|equality}",
        "{Stalin|Moscow} {expected|wanted} {a junior partner|obedience|a loyal follower}, {not|rather than} {an "
        "equal|a rival}",
        "{both|the two} {states|regimes} {were|stood} {ruled|governed} by {one|a single} {party|communist party}",
        "{both|each} {used|relied on} {similar|the same} {methods|institutions|party structures}",
        "{the|their} {friendship|partnership} {was|looked} {warmer|closer} {in public|in speeches|in propaganda} "
        "than {in private|behind closed doors}",
        "{public|official} {speeches|posters} {praised|celebrated} {an eternal|an unbreakable|a brotherly} friendship",
        "{behind the scenes|in private|in the talks}, {the bargaining|the haggling} was {hard|tough|bitter}",
    ],
    "detail": [
        "{Stalin's 1945 treaty|the 1945 treaty} with Chiang {shows|showed} {the limits of ideology|ideology's "
        "limits}",
        "{even|only} after {Mao's victory|Mao won|1949} did Stalin {accept|agree to|consent to} a new treaty",
        "{trusting|close|genuine} {allies|partners} {rarely|seldom} {behave|act} {like that|this way|so coldly}",
        "{the|Mao's} {visit to|stay in} Moscow {lasted|took} {two months|about two months|nine weeks}",
        "{Stalin|the Soviet leader} {at first|initially} {offered|suggested} {only|no more than} {minor changes|"
        "small changes}",
        "{in 1927|back in 1927} {Comintern|Moscow's} advice had {led|contributed} to {disaster|a massacre|"
        "catastrophe}",
        "the Soviet {looting|stripping} of Manchuria in 1945 {angered|alienated} {many|some} {Chinese|communists}",
        "{Outer Mongolia's|Mongolian} independence {remained|stayed} a {sore point|grievance|sensitive issue}",
        "Soviet {rights|privileges} in Manchuria {recalled|echoed|resembled} {tsarist|old imperial} {claims|"
        "concessions}",
        "{Wang Ming|the Moscow-trained Wang Ming} had {challenged|opposed|rivalled} Mao {in the 1930s|for years|}",
        "{Stalin's|the Soviet} {support for|deal with} Chiang {in 1945|after the war} {angered|hurt} {Mao|the CCP}",
    ],
}
NATURAL_KEYS = {
    "natural": [
        "{to a large extent|largely|on the whole} {the alliance|it} was {a natural one|natural|a natural alliance}",
        "{shared|common} {ideology|beliefs} made {it|the alliance} {a natural alliance|natural|almost inevitable}",
        "{it|the alliance} was {the natural|the logical} {result|outcome} of {the Communist victory|Mao's victory|"
        "the revolution}",
        "{two|the two} communist {giants|powers} {facing|with} {the same|a common} enemy were {natural allies|"
        "natural partners}",
        "{in essence|at heart|fundamentally} {the alliance|it} was {natural|a natural one}",
        "{given|with} {their|a} shared {ideology|enemy}, {the alliance|it} was {natural|entirely natural}",
    ],
    "partly": [
        "the alliance was {only partly natural|partly natural|natural to some extent}",
        "{it|the partnership} was natural in {ideology|theory|principle} but not in {practice|reality}",
        "{ideology|shared belief} {drew|pulled} them together, {but|yet} {national interest|self-interest} "
        "{pushed|kept} them apart",
        "{it was|the alliance was} {largely but not entirely|partly but not wholly|only partly} natural",
        "{the alliance|it} was {mostly natural|largely natural|in some ways natural|not entirely natural}",
        "{it|the alliance} was {natural|logical} in {some|certain} ways but {forced|pragmatic} in others",
    ],
    "not": [
        "{in reality|in practice|really}, {it|the alliance} was {a marriage of convenience|an alliance of "
        "necessity}",
        "{it|the treaty} was {a partnership of necessity|an alliance of convenience}, not {a natural alliance|a "
        "true friendship}",
        "the alliance was {not natural|far from natural|unnatural} {at all|in any real sense|}",
        "{necessity|fear of America|the Cold War}, not {friendship|affection}, {brought|pushed} {them|the two "
        "sides} together",
        "{it|the alliance} was {an alliance of convenience|a marriage of convenience|a partnership of necessity} "
        "{above all|first and foremost|}",
        "{convenience|necessity|pragmatism} rather than {friendship|affinity|brotherhood} {explains|created} {it|the "
        "alliance}",
    ],
}
NATURAL_HEDGES = [
    "{maybe|perhaps} the alliance was {natural|a natural alliance}, {or|but} {maybe|perhaps} not",
    "{some|many} {people|historians} {say|think} it was natural {and|while} others disagree",
    "it is {hard|difficult} to say {whether|if} it was {really|truly|} natural",
    "{perhaps|possibly} it was {natural|unnatural}; {it is|this is} {hard to say|difficult to judge}",
    "{the question|this} {could be|might be} {argued|seen} {either way|both ways}",
]

DOMESTIC = {
    "frames": ["{at home|domestically|on the home front|internally|inside China},"],
    "topic": [
        "{domestic|internal} {factors|pressures|conditions} {also|} {pushed|drove|led} {Mao|the CCP} {towards|"
        "closer to} {Moscow|the USSR}",
        "conditions {at home|within China|in China} {made|left} {Soviet help|an alliance} {essential|urgent|very "
        "attractive}",
        "{politics|problems|conditions} {at home|in both countries} {shaped|influenced} {the alliance|the treaty} "
        "{strongly|deeply|}",
    ],
    "body": [
        "{the|China's} economy was {in ruins|close to collapse|shattered} after <war_years>",
        "{runaway inflation|hyperinflation|famine|mass unemployment} {threatened|weakened|undermined} {the new "
        "regime|the Communists|the cities}",
        "{Mao|the CCP|the Communists} could not {rebuild|recover|industrialise} {alone|without help|without "
        "outside help}",
        "<cc> {still|} {had to|needed to} {consolidate|secure|tighten} {control of|power over|authority over} {the "
        "country|the south|the cities}",
        "land reform {had to|needed to} {be carried out|go ahead|begin} {in the countryside|across the country|"
        "village by village}",
        "{the last|remaining} {Nationalist|Guomindang} {forces|troops|armies} {still|} {had to|needed to} be "
        "{defeated|crushed|mopped up}",
        "{inside|within} the party, {some|several} leaders {looked to|admired|relied on} Moscow",
        "{Gao Gang|the Manchurian leader Gao Gang} {had|kept|built} {close|direct|his own} {ties|links} with "
        "{Stalin|Moscow}",
        "{an alliance|friendship with Stalin|a pro-Moscow line} {helped|allowed} Mao {to keep|to hold} {the party "
        "united|party unity}",
        "{many|some|plenty of} {ordinary Chinese|students|intellectuals} {resented|remembered|disliked} Soviet "
        "{behaviour|looting|conduct} in Manchuria",
        "{national pride|nationalism|patriotic feeling} {worked against|counted against|cut against} {the "
        "alliance|close ties with Moscow}",
        "{World War II|the war|the Great Patriotic War} had {killed|cost} {millions of|over twenty "
        "million} {Soviet citizens|Russians|people}",
        "{much of|large parts of} the western USSR {lay|was} {in ruins|devastated|wrecked}",
        "Stalin {was|remained} {cautious|careful|wary} about {new|costly|risky} {commitments|obligations} {in "
        "Asia|abroad|}",
        "{Mao's|the CCP's} {authority|legitimacy} {depended on|rested on} {economic recovery|peace and order|rapid "
        "growth}",
        "Soviet {aid|know-how|help} {seemed|looked like} {the quickest|the surest|the only} {route|way} to "
        "{recovery|growth|order}",
        "{propaganda|party newspapers|official posters} {praised|celebrated} {the Soviet Union|the USSR} as "
        "China's {elder brother|model|teacher}",
        "the {peasants|rural poor|peasant majority} {wanted|expected} {land|peace|security} {above everything|first|}",
    ],
    "detail": [
        "{Chiang Kai-shek|Chiang} and {his government|his armies|the Nationalists} {fled|retreated|escaped} to "
        "Taiwan <taiwan_date>",
        "{by then|by that point|by late 1949} the civil war was {effectively|essentially|largely} over",
        "Soviet {troops|forces} {had|} {occupied|swept into} Manchuria <manchuria_date>",
        "they {removed|stripped|dismantled|carried off} {factories|machinery|industrial equipment} {worth|valued "
        "at} {a fortune|huge sums}",
        "the CCP {had been|was} founded in Shanghai <ccp_founded>",
        "{Comintern|Soviet} {agents|advisers} {helped|guided} {its founders|the founders|the young party}",
        "{its|the party's} {ties|links} with Moscow {went back|stretched back} {almost three decades|nearly thirty "
        "years|a long way}",
        "{the|China's} First Five-Year Plan {began|started} in 1953",
        "{it|the plan} {copied|followed|relied on} {Soviet methods|Soviet planning|Soviet experts}",
        "{inflation|hunger|the price of rice} {was|remained} {out of control|a serious problem} {in Shanghai|in "
        "the cities|in late 1949}",
    ],
}

INTERNATIONAL = {
    "frames": ["{internationally|abroad|on the world stage|beyond China's borders|in the wider world},"],
    "topic": [
        "{international|global|outside} {factors|pressures|events} {mattered|counted} {just as much|as much|even "
        "more}",
        "{the|by 1949 the} {international|world} {situation|scene} {left|gave} {Mao|the CCP} {little|hardly any} "
        "{choice|room}",
        "<cold_war> {formed|was|provided} the {background|setting|context} {to|for} {everything|these events|the "
        "alliance}",
    ],
    "body": [
        "<us> had {supported|backed|armed} <kmt> {against Mao|for years|since 1945}",
        "<cc> {saw|treated|regarded} {America|the United States|Washington} as {an enemy|the main enemy|a hostile "
        "power}",
        "<cold_war> {divided|split} the world into {two camps|two blocs|rival camps}",
        "{a communist|a revolutionary|a Marxist} China could {hardly|not easily} {join|side with} {the West|the "
        "American camp}",
        "American {policy|hostility} {in|across} Asia {convinced|persuaded} Mao {he needed|China needed} {a strong "
        "ally|a protector|a powerful friend}",
        "{Washington|the United States|America} {refused|declined} to {recognise|deal with} {the new government|"
        "the People's Republic|Mao's regime}",
        "{that|this} {refusal|decision} left {China|Beijing|the new state} {isolated|friendless|alone} {in the "
        "West|outside the socialist camp|}",
        "the American occupation of Japan {worried|alarmed} {both Moscow and Beijing|Stalin and Mao|both "
        "communist powers}",
        "{a revived|a rearmed|an American-backed} Japan {could|might} {threaten|menace} {them both|both of them|"
        "the region} {again|once more|}",
        "{Stalin|Moscow} {feared|dreaded} {a clash|a war} over {Taiwan|Korea} {dragging in|involving} {America|the "
        "United States}",
        "{socialist|communist} {solidarity|unity|internationalism} {also|} {mattered|counted|played a part}",
        "the {socialist|communist} {camp|bloc} {now|} {stretched|reached} from {Berlin|Eastern Europe} to {Beijing|"
        "the Pacific}",
        "{anti-colonial wars|revolts} in {Vietnam|Malaya|Indochina} suggested {history|the future} {favoured|"
        "belonged to} {communism|the East}",
    ],
    "detail": [
        "{the Truman Doctrine|Truman's doctrine of containment} <truman_date> {targeted|aimed at|challenged} "
        "{communism|Soviet expansion}",
        "the Marshall Plan {followed|came} {in 1948|soon after|a year later}",
        "{both|these policies} {showed|signalled} that {Washington|America} {meant to|intended to} {contain|stop} "
        "{communism|Soviet power}",
        "the White Paper <white_paper_date> {blamed|criticised} Chiang for {losing China|the defeat}",
        "Mao {read|took|saw} {it|the document} as {proof|evidence} of {American hostility|imperialist aims}",
        "{Acheson's speech|Dean Acheson's speech} <acheson_date> {left out|excluded} {Korea and Taiwan|Taiwan}",
        "{this|the speech} {seemed to|appeared to} {lower|reduce} the {risk|danger} of {an American attack|US "
        "intervention}",
        "Tito's break with Moscow <tito_date> {alarmed|worried} {Stalin|the Kremlin}",
        "{Moscow|Stalin} {watched|eyed} Mao {closely|nervously|with suspicion} {from then on|after that|at every step}",
        "the Korean War {began|broke out} <korea_date>",
        "{it|the war} {soon|quickly} {tested|strained} the {new|young} alliance",
        "China {did most of the fighting|paid in lives} while {Moscow|the USSR} {sent|supplied} {weapons|"
        "equipment}",
        "Britain {recognised|recognized} the People's Republic in January 1950",
        "{Washington|America} {refused to follow|did not follow} {its|this} {lead|example}",
        "NATO was {founded|created|set up} <nato_date>",
        "the Soviet atomic {bomb|test} <bomb_date> {ended|broke} {America's|the US} monopoly",
        "{the Berlin Blockade|the Berlin crisis} {of 1948|in 1948} {deepened|sharpened} {the Cold War|East-West "
        "tension}",
        "{Washington|America} {kept|maintained} {an embassy|ties} with {Chiang's government|the Nationalists} {on "
        "Taiwan|}",
        "the {United Nations|UN} {seat|place} {stayed|remained} with {Chiang's regime|the Nationalists|Taiwan}",
        "{Truman|President Truman} {at first|initially} {would not|did not} {defend|protect} Taiwan",
        "{McCarthy|the China lobby} {blamed|attacked} {Truman|the Democrats} for {losing China|Mao's victory}",
    ],
}

AGAINST = {
    "frames": ["{however|yet|even so|at the same time|on the other hand},"],
    "topic": [
        "{several|many|important} {factors|problems} {worked against|stood in the way of} {the alliance|a close "
        "alliance}",
        "the {alliance|partnership} {faced|had} {serious|real|deep} {obstacles|difficulties|tensions} {from the "
        "start|from the beginning|}",
        "not everything {pointed|pushed} {towards|to} {an alliance|friendship with Moscow}",
    ],
    "body": [
        "there was {deep|real|lasting|much} <mistrust> between {Mao and Stalin|the two parties|Moscow and the CCP}",
        "Stalin had {often|repeatedly} {given|offered} {Mao|the CCP} {bad|poor|self-serving} {advice|orders}",
        "{in 1945|after the war} he {urged|pressed|told} Mao to {share power with|make peace with|work with} "
        "Chiang",
        "Mao {resented|never forgot|bitterly remembered} {how|the way} Stalin had {treated|handled} {him|the CCP|"
        "the revolution}",
        "{Mao's|Chinese} {pride|nationalism|patriotism} {clashed|collided} with {Soviet|Russian} {claims|"
        "privileges|ambitions} in {Manchuria|Xinjiang}",
        "{many|some} Chinese {saw|regarded} {Soviet privileges|the Soviet rights} as {new|disguised} {imperialism|"
        "unequal treaties}",
        "{China|the Chinese} had {suffered|endured} {unequal treaties|foreign privileges} for {a century|"
        "generations}",
        "{both sides|each side|both partners|each state} {kept|pursued|protected} {its own|separate|national} interests",
        "{the|this} {partnership|relationship} {remained|stayed|was} {uneasy|awkward|strained|fragile} {from the "
        "outset|from the start|}",
        "Stalin {never fully trusted|did not really trust|never really trusted} {the Chinese leader|his Chinese "
        "ally|the CCP chairman}",
        "{he|Stalin} {suspected|thought} Mao was {a nationalist first|a peasant nationalist|<tito>}",
        "China {would be|was bound to be} the {junior|weaker} partner",
        "{that|this} {sat uneasily|clashed} with {Mao's pride|Chinese pride|Mao's ambitions}",
        "Russian {expansion|advances} in Asia had {a long|an old} {history|record}",
        "{educated|many|some} Chinese {saw|regarded} {Russia|the Soviets} as {just another|one more} {imperial|"
        "great} power",
    ],
    "detail": [
        "<kmt_treaty_date>, Stalin {had|} {signed|made} a treaty with {Chiang's government|the Nationalists|the "
        "Guomindang}",
        "he {signed|made} it with Chiang, not with {Mao|the Communists}",
        "the Shanghai massacre <shanghai_date> {still|} {haunted|embittered} {the CCP|Mao's generation}",
        "it {followed|came after} {Comintern|Soviet} {advice|orders} to {work with|stay allied with} the Guomindang",
        "Mao {met|negotiated with} Chiang at Chongqing in 1945 {under Soviet pressure|at Stalin's urging}",
        "in Moscow Mao was {kept waiting|left waiting|made to wait} for weeks",
        "he {saw|felt|regarded} {this|the delay} as {a humiliation|an insult|a snub}",
        "China had to {accept|recognise} {Outer Mongolia's independence|an independent Outer Mongolia}",
        "{many|most} Chinese {regarded|still saw} {Mongolia|that territory} as {Chinese|part of China}",
        "the loan of <loan_amount> was {small|modest|disappointing}",
        "{China|Beijing} {needed|had hoped for} {far more|much more|a great deal more}",
        "{it|the money} <loan_repay> {with interest|in goods|}",
        "Stalin {also|} {demanded|secured} joint {companies|ventures} {in Xinjiang|for Xinjiang's minerals}",
        "{Soviet|Red Army} {troops|soldiers} had {looted|stripped} {Manchurian|north-eastern} {factories|industry} "
        "{in 1945|after the war}",
        "{Stalin|Moscow} {advised|urged} Mao {not to|against trying to} {cross the Yangtze|take the south}",
        "{Mikoyan|Anastas Mikoyan} {visited|came to} {Xibaipo|Mao at Xibaipo} {in early 1949|in January 1949}",
        "{his|Mikoyan's} {visit|talks} {showed|revealed} {the Soviet caution|Stalin's doubts about him|how wary Moscow was}",
        "{Mao's|his} {request|demand} for {a new treaty|full equality} {irritated|annoyed} {Stalin|the Soviet "
        "leader}",
        "{Stalin|Moscow} {feared|worried about} {losing|giving up} {the Yalta gains|the Manchurian privileges}",
    ],
}

BACKGROUND = {
    "frames": ["{before this|earlier|at the time|back then},"],
    "topic": [
        "China {fought|resisted} Japan {from 1937 to 1945|for eight years}",
        "both {the Nationalists|the Guomindang} and {the Communists|the CCP} {fought|resisted} the Japanese",
        "{to understand|before judging} the alliance, {we need|it helps} to know {this background|the background|"
        "what came before}",
        "{China's|the} {twentieth century|modern history} had been {full of|marked by} {war|revolution|foreign "
        "invasion}",
        "{the|this} {story|background} {begins|starts} {in the 1920s|with the civil war|in 1937}",
    ],
    "body": [
        "Japan {surrendered|was defeated} <japan_date>",
        "the {truce|uneasy peace} between {the two parties|Mao and Chiang} {soon|quickly} {collapsed|broke down}",
        "{full-scale|open|bitter} civil war {began|broke out} in 1946",
        "at first {the Nationalists|Chiang's armies} {seemed|looked} {stronger|better armed|likely to win}",
        "{the Communists|Mao's armies} {won|gained} {peasant|rural} {support|loyalty} {through|by promising} land "
        "reform",
        "{by|in} {1948|late 1948} {the Communists|Mao's forces} {were|had gone} on the offensive",
        "the Nationalist {armies|forces} {collapsed|fell apart} {through|amid} {corruption|inflation|desertions}",
        "{the|this} victory {surprised|astonished} {observers|many observers|even Stalin}",
        "{the|this} {long|bitter} {struggle|war} left {Mao|the CCP} a {ruined|poor|devastated} country to {govern|"
        "rebuild}",
        "{the|a} {united front|wartime truce} {between|linking} {the two parties|Mao and Chiang} had {barely|"
        "hardly} {worked|held}",
        "{American|US} {mediators|envoys|diplomats} {tried|attempted} to {stop|prevent|end} {the fighting|the civil "
        "war}",
        "George Marshall's {mission|mediation} {failed|collapsed} {in 1946|by 1947}",
        "{the|Chiang's} {government|regime} {lost|squandered} {support|popularity} {through|because of} "
        "{corruption|inflation|repression}",
        "{Manchuria|the north-east} {became|was} {the|a} {key|decisive|main} {battlefield|theatre}",
        "{the|Mao's} {armies|forces} {crossed|reached} the Yangtze {in April 1949|in 1949}",
        "{Beijing|Nanjing|Shanghai} {fell|was taken} {in 1949|early in 1949|that year}",
        "{millions of|countless} {soldiers|civilians|peasants} {died|were killed|suffered} {in the fighting|in the "
        "war|}",
        "{the|a} {Communist|CCP} {victory|triumph} {changed|ended} {a century|decades} of {weakness|chaos|division}",
    ],
}

CONCLUSION = {
    "frames": ["{in conclusion|to conclude|to sum up|overall|all in all|looking back},"],
    "topic": [
        "the alliance {grew out of|came from|resulted from} {both|} {ideology|shared beliefs} and {hard|practical} "
        "{calculation|necessity}",
        "{the two sides|Mao and Stalin} {came together|allied} for {different|very different} reasons",
        "{both|each} {side|leader} {got|gained|obtained} {something|part of what it wanted} from the {treaty|"
        "alliance}",
        "{the|this} {alliance|treaty} was {shaped|made} by {need|fear|calculation} {more than|as much as} "
        "{friendship|ideology|belief}",
        "{several|many} {threads|strands|factors} {came together|combined} in {1949 and 1950|the winter of 1949}",
        "{the|this} essay has {looked at|examined|considered} {both sides|each side|the factors}",
    ],
    "body": [
        "Stalin {gained|got} {an ally|a buffer|a partner} {in Asia|in the east|on his border}",
        "he {kept|preserved} {some|part} of {the Yalta gains|his Manchurian privileges} {for a while|until 1952|}",
        "{China|the CCP} {gained|won|received} {aid|protection|recognition} {it badly needed|that no one else "
        "offered}",
        "the old <mistrust> {never went away|did not disappear|remained}",
        "{shared|common} fear of {America|Washington} {held|kept} them together {for a time|for now|}",
        "{it|this} was {never|not} {enough|strong enough} to {make|create} {a lasting friendship|a real union}",
        "{Stalin|Moscow} {secured|protected|gained} {a friendly|a communist|a loyal} {neighbour|border state|ally} "
        "{in the east|in Asia|}",
        "{Mao|the CCP} {won|obtained|gained} {a protector|a powerful ally|security} against "
        "{America|the West|Japan}",
        "{the|its} {terms|conditions} {were|seemed} {hard|harsh|unequal} {for China|to many Chinese|}",
        "{ideology|shared belief} {made|helped make} {the alliance|it} {possible|easier|thinkable}",
        "{necessity|need|fear} {made|turned} {it|the alliance} {urgent|necessary|unavoidable}",
        "{the|this} {partnership|alliance} {would|did} {face|meet} {many|serious} {tests|strains} {later|in the "
        "1950s}",
        "{neither|no} {side|leader} {fully|ever} {trusted|relied on} the other",
        "{the|their} {alliance|partnership} {rested on|was built on} {shared enemies|common fears|mutual need}",
        "{even so|still}, {it|the treaty} {changed|transformed} {Asia|the Cold War|the region}",
        "{China|the new state} {gained|bought} {time|breathing space|security} {to rebuild|for reconstruction|to "
        "recover}",
    ],
    "key": [
        "Mao {entered|signed|joined} {the alliance|the treaty} {mainly|chiefly|largely} because China {needed|"
        "depended on} {Soviet aid|protection}",
        "Mao's {main|decisive|key} reason for {the alliance|signing|allying} was {protection|security|Soviet aid}",
        "{Mao|the CCP} {chose|accepted} {the alliance|the treaty} because {there was no alternative|it had no "
        "choice}",
        "{above all|most of all}, Mao {signed|allied} {for|to get} {protection from America|Soviet money}",
        "{China|Beijing} could not survive alone, so Mao signed the treaty",
        "{Mao|the CCP} {signed|chose the alliance|entered the treaty} {chiefly|mainly|above all} {for|to get} "
        "{security|Soviet aid|protection}",
        "{the|China's} {need for|hunger for} {aid|security|protection} {was|proved} the {decisive|main|key} reason "
        "{Mao signed|for the alliance|for the treaty}",
        "Mao {turned to|allied with} {Moscow|Stalin} {mainly|chiefly} because {America|Washington} {offered|gave} "
        "{no help|no alternative}",
        "{ultimately|in the end}, {China's|the new state's} {survival|security} {required|demanded} the alliance",
    ],
    "key_weak": [
        "there were {many|several|various} reasons why Mao {joined|signed}, and all {mattered|were important}",
        "{perhaps|maybe} Mao joined because he {liked|admired} Stalin, {or|but} perhaps not",
        "the alliance was {good for|best for} {both countries|both sides|China} {at the time|then|}",
        "{it|the alliance} {benefited|helped} both {sides|countries} in {many|different} ways",
        "{these|all these} {reasons|factors} {mattered|counted}, and {choosing|picking one} is hard",
        "{Mao|the CCP} {joined|signed} for {lots of|many|a mix of} reasons",
        "{in the end|overall} {it|the alliance} {seemed|looked like} {a good idea|the right choice}",
    ],
}


@dataclass
class Part:
    """The pieces for one part of an essay (see INTRO): frames, topic, body and detail clauses, key clauses
    (clear and weak) and vague clauses."""
    frames: tuple[Seq, ...]
    topic: tuple[Seq, ...]
    body: tuple[Seq, ...]
    detail: tuple[Seq, ...]
    key: tuple[Seq, ...]
    key_weak: tuple[Seq, ...]
    filler: tuple[Seq, ...]


def _seqs(templates: list[str] | tuple[str, ...]) -> tuple[Seq, ...]:
    return tuple(parse(t) for t in templates)


FILLER_SEQS = _seqs(FILLER)


def _part(spec: dict[str, list[str]], key: list[str] | None = None, key_weak: list[str] | None = None) -> Part:
    """A Part from a table of templates, its key clauses given or taken from the table."""
    return Part(frames=_seqs(spec["frames"]), topic=_seqs(spec["topic"]), body=_seqs(spec["body"]),
                detail=_seqs(spec.get("detail", [])), key=_seqs(key if key is not None else spec.get("key", [])),
                key_weak=_seqs(key_weak if key_weak is not None else spec.get("key_weak", [])),
                filler=FILLER_SEQS + _seqs(spec.get("filler", [])))


#: Every part an essay's plan may name; the judgement has one part per stance.
PARTS: dict[str, Part] = {
    "intro": _part(INTRO),
    "ccp": _part(CCP),
    "ussr": _part(USSR),
    "domestic": _part(DOMESTIC),
    "international": _part(INTERNATIONAL),
    "against": _part(AGAINST),
    "background": _part(BACKGROUND),
    "conclusion": _part(CONCLUSION),
    **{f"natural:{stance}": _part(NATURAL, NATURAL_KEYS[stance], NATURAL_HEDGES) for stance in STANCES},
}
SLOT_SEQS = {name: parse(text) for name, text in SLOTS.items()}
FACT_SEQS = {name: (parse(right), parse(wrong)) for name, (right, wrong) in FACTS.items()}
OPENER_SEQS = _seqs(OPENERS)
JOIN_SEQS = _seqs(JOINS)


def max_words(seq: Seq) -> int:
    """An upper bound on the words a template writes: the guarantee that every run of RUN words crosses a join
    rests on each piece staying under RUN words."""
    total = 0
    for node in seq:
        if isinstance(node, str):
            total += len(words(node))
        elif isinstance(node, Alt):
            total += max(max_words(option) for option in node.options)
        elif isinstance(node, Opt):
            total += max_words(node.seq)
        elif node.name in FACT_SEQS:
            total += max(max_words(s) for s in FACT_SEQS[node.name])
        else:
            total += max_words(SLOT_SEQS[node.name])
    return total


def pieces() -> Iterator[Seq]:
    """Every piece a sentence is made of."""
    yield from OPENER_SEQS
    yield from JOIN_SEQS
    for part in PARTS.values():
        for pool in (part.frames, part.topic, part.body, part.detail, part.key, part.key_weak, part.filler):
            yield from pool


# --- runs of words ---------------------------------------------------------------------------------------------

_NOT_WORD = re.compile(r"[^\w]+")
_POSSESSIVE = re.compile(r"['\u2019]s\b")
_FINE_WORD = re.compile(r"[^\W_]+")
_TOKEN_HASHES: dict[str, tuple[list[int], list[int]]] = {}


def words(text: str) -> list[str]:
    """The words runs are compared on: white-space separated, lower-cased, punctuation stripped."""
    return [w for w in (_NOT_WORD.sub("", t.lower()) for t in text.split()) if w]


def fine_words(text: str) -> list[str]:
    """The words as the grader's tokenizer finds them, for its shared-passage report: split at hyphens and
    symbols too ("US$300" is two), a possessive 's dropped. A run of RUN words is also a run of at least RUN fine
    words, and enforcing both keeps the grader's report of shared passages empty as well."""
    return _FINE_WORD.findall(_POSSESSIVE.sub("", text.lower()))


def _hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")


def _token_hashes(token: str) -> tuple[list[int], list[int]]:
    """A written token's hashes as a word (none without a letter or digit) and as fine words, worked out once."""
    hashes = _TOKEN_HASHES.get(token)
    if hashes is None:
        hashes = ([_hash(w) for w in words(token)], [_hash(w) for w in fine_words(token)])
        _TOKEN_HASHES[token] = hashes
    return hashes


def run_hashes(seq: list[int]) -> list[int]:
    """The rolling hash of every run of RUN words in a sequence of word hashes."""
    if len(seq) < RUN:
        return []
    base, mask, drop = HASH_BASE, HASH_MASK, HASH_BASE_RUN
    h = 0
    for w in seq[: RUN - 1]:
        h = (h * base + w) & mask
    out = []
    for w, old in zip(seq[RUN - 1 :], [0, *seq[: len(seq) - RUN]]):  # the word that enters and the one that leaves
        h = (h * base + w - old * drop) & mask
        out.append(h)
    return out


class RunRecord:
    """The runs of every essay accepted so far, as a blocked Bloom filter: compact enough for tens of millions of
    runs, one array lookup a run (this is the hot path), and a false positive only makes a sentence be written
    again."""

    def __init__(self, expected_runs: int):
        self.size = max(MIN_BLOCKS, expected_runs // RUNS_PER_BLOCK)
        self.blocks = array("Q", [0]) * self.size

    def seen_any(self, hashes: list[int]) -> bool:
        """Whether any of the runs may have been added before."""
        blocks, size = self.blocks, self.size
        for h in hashes:  # _block_bits written out: every sentence drawn checks its runs here
            mask = ((1 << ((h >> 32) & 63)) | (1 << ((h >> 38) & 63)) | (1 << ((h >> 44) & 63))
                    | (1 << ((h >> 50) & 63)))
            if blocks[h % size] & mask == mask:
                return True
        return False

    def add_all(self, hashes: set[int] | list[int]) -> None:
        blocks, size = self.blocks, self.size
        for h in hashes:  # _block_bits written out: a whole essay's runs at a time
            blocks[h % size] |= ((1 << ((h >> 32) & 63)) | (1 << ((h >> 38) & 63)) | (1 << ((h >> 44) & 63))
                                 | (1 << ((h >> 50) & 63)))


def _block_bits(h: int) -> int:
    """The BLOOM_BITS bits a run sets in its block, from four 6-bit fields of its hash above the low bits that chose
    the block (written out: this runs tens of millions of times)."""
    return (1 << ((h >> 32) & 63)) | (1 << ((h >> 38) & 63)) | (1 << ((h >> 44) & 63)) | (1 << ((h >> 50) & 63))


class Draft:
    """One essay being written: its paragraphs, its words' hashes and its runs, which join the record only when
    the whole essay is accepted."""

    def __init__(self, record: RunRecord):
        self.record = record
        self.paragraphs: list[list[str]] = []
        self.paragraph_words = 0
        self.total_words = 0
        self.word_hashes: list[int] = []
        self.fine_hashes: list[int] = []
        self.runs: set[int] = set()

    def new_paragraph(self) -> None:
        self.paragraphs.append([])
        self.paragraph_words = 0

    def try_add(self, sentence: str) -> bool:
        """Add the sentence unless one of its runs, those reaching back into the text before it included, was
        seen before."""
        tokens = sentence.split()
        new_words: list[int] = []
        new_fine: list[int] = []
        for token in tokens:
            word_hashes, fine_hashes = _token_hashes(token)
            new_words += word_hashes
            new_fine += fine_hashes
        # the runs ending in this sentence, as words and as fine words (most sentences have the same of both)
        word_seq = self.word_hashes[-(RUN - 1):] + new_words
        fine_seq = self.fine_hashes[-(RUN - 1):] + new_fine
        runs = run_hashes(word_seq)
        if fine_seq != word_seq:
            runs = list(set(runs).union(run_hashes(fine_seq)))
        if not self.runs.isdisjoint(runs) or self.record.seen_any(runs):
            return False
        self.runs.update(runs)
        self.word_hashes += new_words
        self.fine_hashes += new_fine
        self.paragraphs[-1].append(sentence)
        self.paragraph_words += len(tokens)
        self.total_words += len(tokens)
        return True

    def commit(self) -> None:
        self.record.add_all(self.runs)

    def text(self) -> str:
        return "\n\n".join(" ".join(p) for p in self.paragraphs) + "\n"


# --- essays ---------------------------------------------------------------------------------------------------

@dataclass
class Profile:
    """What kind of student writes an essay: skill drives coverage, detail and padding; errors are separate."""
    skill: float
    error_rate: float
    stance: str

    @classmethod
    def draw(cls, rng: random.Random) -> Profile:
        skill = rng.random()
        error_free = rng.random() < ERROR_FREE_SHARE[0] + ERROR_FREE_SHARE[1] * skill
        error_rate = 0.0 if error_free else rng.uniform(*ERROR_RATE) * (1 - ERROR_SKILL_CUT * skill)
        return cls(skill, error_rate, rng.choice(STANCES))

    @property
    def filler_share(self) -> float:
        return MAX_FILLER_SHARE * (1 - self.skill) ** FILLER_CURVE

    @property
    def detail_share(self) -> float:
        return DETAIL_SHARE[0] + DETAIL_SHARE[1] * self.skill


_SPACE = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:?!])")
_DOUBLE_PUNCT = re.compile(r"[,;]\s*([,.;:?!])")
Pick = tuple[str, int]  # a clause: its pool and its place there
_NAME = re.compile(r"\b[A-Z][A-Za-z-]*")


def _names(pieces: list[str]) -> set[str]:
    """The capitalised words of a piece of text, so that a frame is not put before a clause naming the same
    person ("For Mao, Mao needed ...")."""
    return set(_NAME.findall("".join(pieces)))


class Writer:
    """Writes the essays of one class in order, keeping the record of runs they must not share."""

    def __init__(self, count: int, seed: int):
        self.rng = random.Random(seed)
        self.record = RunRecord(max(count, 1) * RUNS_PER_ESSAY)
        self.profile = Profile(0.5, 0.0, STANCES[0])
        self.failures: dict[int, int] = {}  # a clause's failed sentences in a row, by identity
        self.retired: set[int] = set()

    def _expand(self, seq: Seq, out: list[str]) -> None:
        rng = self.rng
        for node in seq:
            if isinstance(node, str):
                out.append(node)
            elif isinstance(node, Alt):
                self._expand(rng.choice(node.options), out)
            elif isinstance(node, Opt):
                if rng.random() < OPTIONAL_CHANCE:
                    self._expand(node.seq, out)
            elif node.name in FACT_SEQS:
                right, wrong = FACT_SEQS[node.name]
                self._expand(wrong if rng.random() < self.profile.error_rate else right, out)
            else:
                self._expand(SLOT_SEQS[node.name], out)

    def _clause(self, template: Seq, out: list[str]) -> None:
        """A clause, preferably of at most CLAUSE_SOFT_MAX words."""
        for _ in range(CLAUSE_REDRAWS):
            written: list[str] = []
            self._expand(template, written)
            if len("".join(written).split()) <= CLAUSE_SOFT_MAX:
                break
        out.extend(written)

    def _pool(self, part: Part, index: int, used: set[int]) -> Pick | None:
        """A clause for the index-th sentence of a paragraph not yet used in the essay: a topic clause first, the
        key clause second, then body, detail or vague clauses by the writer's profile (others when one runs out)."""
        rng, profile = self.rng, self.profile
        if index == 0 and part.topic and rng.random() < TOPIC_CHANCE[0] + TOPIC_CHANCE[1] * profile.skill:
            order = ["topic", "body", "detail"]
        elif index == 1 and part.key:
            clear = rng.random() < KEY_CHANCE[0] + KEY_CHANCE[1] * profile.skill
            order = ["key", "body"] if clear or not part.key_weak else ["key_weak", "key", "body"]
        else:
            r = rng.random()
            first = ("filler" if r < profile.filler_share else
                     "detail" if r < profile.filler_share + profile.detail_share and part.detail else "body")
            order = [first] + [p for p in ("body", "detail", "filler") if p != first]
        for name in order:
            pool = getattr(part, name)
            if not pool:
                continue
            for _ in range(QUICK_PICKS):  # most of a pool is free: try a few at random before listing the free ones
                i = rng.randrange(len(pool))
                if id(pool[i]) not in used and id(pool[i]) not in self.retired:
                    return name, i
            free = [i for i, clause in enumerate(pool) if id(clause) not in used and id(clause) not in self.retired]
            if free:
                return name, rng.choice(free)
        return None

    def _sentence(self, part: Part, index: int, used: set[int]) -> tuple[str, list[Pick]] | None:
        """A sentence: a frame or connective or neither, a clause, and perhaps a second clause after a join."""
        rng = self.rng
        first = self._pool(part, index, used)
        if first is None:
            return None
        out: list[str] = []
        self._clause(getattr(part, first[0])[first[1]], out)
        lead: list[str] = []
        if rng.random() < FRAME_CHANCE:
            self._expand(rng.choice(part.frames), lead)
            if _names(lead) & _names(out):
                lead = []
        elif index > 0 and rng.random() < OPENER_CHANCE:
            self._expand(rng.choice(OPENER_SEQS), lead)
        out[:0] = lead + [" "]
        picks = [first]
        if first[0] not in ("key", "key_weak") and not out[-1].endswith("?") and rng.random() < SECOND_CLAUSE_CHANCE:
            second = self._pool(part, max(index, 2), used | {id(getattr(part, first[0])[first[1]])})
            if second is not None:
                self._expand(rng.choice(JOIN_SEQS), out)
                out.append(" ")
                self._clause(getattr(part, second[0])[second[1]], out)
                picks.append(second)
        text = _SPACE.sub(" ", "".join(out)).strip()
        text = _DOUBLE_PUNCT.sub(r"\1", _SPACE_BEFORE_PUNCT.sub(r"\1", text)).rstrip(",;: ")
        if not text.endswith(("?", "!", ".")):
            text += "."
        return text[0].upper() + text[1:], picks

    def _paragraph(self, draft: Draft, part: Part, budget: float, used: set[int]) -> None:
        """Sentences of one part until the paragraph's share of words is reached or its clauses run out."""
        draft.new_paragraph()
        index = failures = 0
        while draft.paragraph_words < budget - HALF_SENTENCE and failures < PARAGRAPH_FAILURES:
            for _ in range(SENTENCE_TRIES):
                made = self._sentence(part, index, used)
                if made is None:
                    return
                clauses = [id(getattr(part, name)[i]) for name, i in made[1]]
                if draft.try_add(made[0]):
                    used.update(clauses)
                    for clause in clauses:
                        self.failures[clause] = 0
                    index += 1
                    break
                for clause in clauses:
                    self.failures[clause] = self.failures.get(clause, 0) + 1
                    if self.failures[clause] >= RETIRE_AFTER:
                        self.retired.add(clause)
            else:
                failures += 1

    def _plan(self) -> list[str]:
        """The parts an essay covers, in order: weak essays skip more and tell the story instead."""
        rng, skill = self.rng, self.profile.skill
        body = [p for p in BODY_PARTS if rng.random() < INCLUDE_CHANCE[p][0] + INCLUDE_CHANCE[p][1] * skill]
        while len(body) < MIN_BODY - 1:
            body.append(rng.choice([p for p in BODY_PARTS if p not in body]))
            body.sort(key=BODY_PARTS.index)
        if len(body) < MIN_BODY or rng.random() < BACKGROUND_CHANCE * (1 - skill):
            body.insert(0, "background")
        if "natural" in body and rng.random() < LATE_JUDGEMENT_CHANCE:
            body.remove("natural")
            body.append("natural")
        body = [f"natural:{self.profile.stance}" if p == "natural" else p for p in body][:MAX_BODY]
        return ["intro", *body, "conclusion"]

    def _budgets(self, plan: list[str]) -> list[float]:
        """Each paragraph's share of the essay's target length."""
        rng = self.rng
        weights = [INTRO_WEIGHT if p == "intro" else CONCLUSION_WEIGHT if p == "conclusion" else
                   BODY_WEIGHT * rng.uniform(1 - WEIGHT_JITTER, 1 + WEIGHT_JITTER) for p in plan]
        bonus = round(TARGET_SKILL_BONUS * self.profile.skill)
        target = rng.randint(TARGET_WORDS[0] + bonus, TARGET_WORDS[1] + bonus)
        return [target * w / sum(weights) for w in weights]

    def essay(self) -> str:
        """The next essay of the class; its runs join the record."""
        for _ in range(ESSAY_TRIES):
            self.profile = Profile.draw(self.rng)
            plan = self._plan()
            draft = Draft(self.record)
            used: set[int] = set()  # the clauses written so far, by identity (parts share the vague ones)
            for name, budget in zip(plan, self._budgets(plan)):
                self._paragraph(draft, PARTS[name], budget, used)
            if (MIN_WORDS <= draft.total_words <= MAX_WORDS and all(draft.paragraphs)
                    and MIN_PARAGRAPHS <= len(draft.paragraphs) <= MAX_PARAGRAPHS):
                draft.commit()
                return draft.text()
        raise RuntimeError("could not write an essay within the limits: the grammar has run out of variety")


def essays(count: int, seed: int = 0) -> Iterator[str]:
    """`count` essays, no two sharing a run of RUN words; the same arguments give the same texts."""
    writer = Writer(count, seed)
    for _ in range(count):
        yield writer.essay()


# --- files ----------------------------------------------------------------------------------------------------

def _fixed_zip(data: bytes) -> bytes:
    """The same zip with fixed entry times, so that equal documents are equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def write_docx(path: Path, text: str, title: str) -> None:
    """A Word file: the title line, then one paragraph per paragraph; fixed core properties and zip times."""
    from docx import Document

    document = Document()
    properties = document.core_properties
    properties.author = properties.last_modified_by = DOCX_AUTHOR
    properties.created = properties.modified = DOCX_DATE
    properties.revision = 1
    properties.title = title
    document.add_paragraph(title)
    for paragraph in text.split("\n\n"):
        document.add_paragraph(paragraph.strip())
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(_fixed_zip(buffer.getvalue()))


def make_class(folder: Path, count: int, kind: str = "txt", seed: int = 0) -> list[Path]:
    """Write a class of `count` essays into `folder` (created if need be) and return its files, in order."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if count < 1:
        raise ValueError("count must be at least 1")
    if kind == "copies" and count % COPIES:
        raise ValueError(f"a class of copies needs a multiple of {COPIES} essays")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    digits = max(NAME_DIGITS, len(str(count)))
    distinct = list(essays(count // COPIES, seed)) if kind == "copies" else []
    stream = essays(count, seed) if kind != "copies" else iter(())
    paths = []
    for number in range(1, count + 1):
        text = distinct[(number - 1) % len(distinct)] if distinct else next(stream)
        as_docx = kind == "docx" or (kind == "mixed" and number % DOCX_EVERY == 0)
        path = folder / f"student{number:0{digits}d}{'.docx' if as_docx else '.txt'}"
        if as_docx:
            write_docx(path, text, DOCX_TITLES[number % len(DOCX_TITLES)])
        else:
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where to write the essays (created if need be)")
    parser.add_argument("--count", type=int, required=True, help="how many essay files")
    parser.add_argument("--kind", choices=KINDS, default="txt", help="file types, or a class of copies")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        paths = make_class(args.folder, args.count, args.kind, args.seed)
    except ValueError as error:
        parser.error(str(error))
    docx_files = sum(p.suffix == ".docx" for p in paths)
    print(f"wrote {len(paths)} essays ({len(paths) - docx_files} .txt, {docx_files} .docx; kind {args.kind}, "
          f"seed {args.seed}) "
          f"to {args.folder} in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
