# Generates datasets/coding/b1-glance.jsonl: 44 one-line "what does this print?" questions short enough
# to read in under 6 seconds at 200 wpm (issue 16: the bin-1 multiple-choice questions took 0.14-0.55 min
# to read). Every answer is verified by running the line; options are shuffled with a fixed seed.
# Usage: python3 scripts/gen-coding-glance.py [--check]
import contextlib, io, json, math, random, sys
from pathlib import Path

QUESTIONS = [  # (code, wrong options)
    ("print(7 // 2)", ["3.5", "4", "2"]),
    ("print(-7 // 2)", ["-3", "-3.5", "3"]),
    ("print(7 % -3)", ["1", "-1", "2"]),
    ("print(2 ** 3 ** 2)", ["64", "36", "12"]),
    ("print(10 / 5)", ["2", "2.00", "5"]),
    ("print(int('08'))", ["0", "ValueError", "08"]),
    ("print(round(2.5))", ["3", "2.5", "3.0"]),
    ("print(round(3.5))", ["3", "3.5", "4.0"]),
    ("print('abc'[::-1])", ["abc", "bca", "ab"]),
    ("print('hello'[1:3])", ["hel", "ell", "he"]),
    ("print('a,b,,c'.split(','))", ["['a', 'b', 'c']", "['a,b,,c']", "['a', 'b', None, 'c']"]),
    ("print(' x '.strip() + '!')", ["x !", "x!!", "' x '!"]),
    ("print('ab' * 3)", ["ab3", "aabbbb", "ab ab ab"]),
    ("print(len('a\\tb'))", ["4", "2", "5"]),
    ("print([1, 2] + [3])", ["[1, 2, [3]]", "[4, 5]", "[1, 5]"]),
    ("print([0] * 3)", ["[0]", "[3]", "0"]),
    ("print(sorted([3, 1, 2], reverse=True))", ["[1, 2, 3]", "[2, 1, 3]", "None"]),
    ("print([1, 2, 3][-1])", ["1", "IndexError", "2"]),
    ("print([1, 2, 3][5:])", ["IndexError", "[3]", "None"]),
    ("print(list(range(2, 8, 3)))", ["[2, 5, 8]", "[2, 4, 6]", "[3, 6]"]),
    ("print(len(range(10)))", ["9", "11", "1"]),
    ("print(bool('False'))", ["False", "None", "TypeError"]),
    ("print(bool([]))", ["True", "None", "0"]),
    ("print(0 or 'x')", ["0", "True", "False"]),
    ("print(3 and 5)", ["3", "True", "8"]),
    ("print(not 0)", ["False", "0", "1"]),
    ("print(1 < 2 < 3 > 2)", ["False", "2", "TypeError"]),
    ("print(0.1 + 0.2 == 0.3)", ["True", "0.3", "None"]),
    ("print(type(3 / 1).__name__)", ["int", "number", "double"]),
    ("print(max('apple', 'pear'))", ["apple", "5", "4"]),
    ("print(min([3, 1, 2]))", ["3", "0", "2"]),
    ("print(sum([1, 2], 10))", ["3", "12", "TypeError"]),
    ("print({1, 2, 2, 3} == {3, 2, 1})", ["False", "{1, 2, 3}", "TypeError"]),
    ("print(len({'a': 1, 'a': 2}))", ["2", "3", "KeyError"]),
    ("print({'a': 1}.get('b', 0))", ["None", "KeyError", "1"]),
    ("print('x' in {'x': 1})", ["False", "1", "KeyError"]),
    ("print(tuple('ab'))", ["('ab',)", "['a', 'b']", "(ab)"]),
    ("print('%d-%s' % (4, 'x'))", ["4 x", "%d-%s", "(4, 'x')"]),
    ("print(f'{3.14159:.2f}')", ["3.14159", "3.1", "3.142"]),
    ("print(abs(-3) == 3)", ["False", "3", "-3"]),
    ("print(divmod(17, 5))", ["(3, 3)", "3.4", "(2, 7)"]),
    ("print('Ab'.lower() == 'ab')", ["False", "ab", "Ab"]),
    ("print(list(zip('ab', 'cd')))", ["['ac', 'bd']", "[('a', 'b'), ('c', 'd')]", "abcd"]),
    ("print(any([0, '', None]))", ["True", "None", "0"]),
]
STEM = "What does this print?"
WPM = 200
TRACE = 0.01


def run(code):
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            exec(code, {})
    except Exception as e:  # noqa: BLE001 - the exception's name is the printed answer
        return type(e).__name__
    return out.getvalue().rstrip("\n")


def words(text):
    import re
    return len(re.sub(r"```\w*", " ", text).split())


def main():
    rng = random.Random(1729)
    lines = []
    for i, (code, wrong) in enumerate(QUESTIONS, 1):
        right = run(code)
        texts = [o.strip() for o in [right, *wrong]]
        if len(set(texts)) != 4:
            sys.exit(f"question {i}: '{code}' prints {right!r}, which is among the wrong options or they repeat")
        letters = "ABCD"
        # The right answer's letter cycles A, B, C, D (an even spread); the wrong options are shuffled.
        opts = list(wrong)
        rng.shuffle(opts)
        opts.insert((i - 1) % 4, right)
        options = dict(zip(letters, opts))
        prompt = f"{STEM}\n\n```python\n{code}\n```"
        n = words(prompt) + sum(words(o) for o in opts)
        read = n / WPM
        tau = math.floor((read + TRACE) * 100 + 0.5) / 100  # as Math.round in src/suites/coding/tau-model.ts
        if tau > 0.1:
            sys.exit(f"question {i}: tau {tau} is above 0.1")
        rationale = f"τ = read {n} words / 200 wpm ({read:.2f}) + solve {TRACE:.2f} (trace 1 line at {TRACE} min) = {tau:.2f} min"
        rec = {"id": f"coding/b1g-{i:03d}", "suite": "coding", "domain": "coding", "prompt": prompt, "tau": tau,
               "tau_source": {"kind": "estimator", "name": "coding-reading", "version": "1", "rationale": rationale},
               "payload": {"kind": "multiple_choice", "options": options, "answer": letters[opts.index(right)]},
               "tags": ["python", "predict-output", "one-line"]}
        lines.append(json.dumps(rec, ensure_ascii=False))
    text = "\n".join(lines) + "\n"
    path = Path(__file__).resolve().parent.parent / "datasets" / "coding" / "b1-glance.jsonl"
    if "--check" in sys.argv:
        if not path.exists() or path.read_text() != text:
            sys.exit(f"{path} differs: regenerate with python3 scripts/gen-coding-glance.py")
        print(f"up to date: {path.name}")
        return
    path.write_text(text)
    print(f"wrote {len(lines)} questions to {path}")


if __name__ == "__main__":
    main()
