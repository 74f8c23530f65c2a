# Solution server: runs INSIDE the sandbox, in the same process as the model-written code, and is
# therefore untrusted like it. It never sees a test, an expected value or a verdict: it loads
# solution.py, tells the grader which globals the solution defines, and then answers requests one
# line at a time ("call this with these plain-data arguments", "get this attribute", ...).
# The grader (grade-harness.py, outside the sandbox) runs the tests and compares the answers.
# Whatever this process sends is read as the solution's behaviour, nothing more, so nothing here has
# to be protected from the solution: the code below only helps honest solutions talk the protocol.
#
# Wire format (one JSON document per line): values are JSON scalars, lists, or one-key objects:
#   {"t": [...]} tuple, {"d": [[k, v], ...]} dict, {"s": [...]} set, {"f": [...]} frozenset,
#   {"b": "hex"} bytes, {"c": [re, im]} complex, {"r": n} the n-th container already seen (pre-order),
#   {"h": n} an object held here (function, instance, generator, ...).
import builtins, os, sys

try:
    # The C half of the json module, without the module itself: `import json` costs about 10 ms of
    # CPU per grading (it imports re and compiles its patterns). Checked below; else plain json.
    import _json

    class _Ctx:
        strict = True
        object_hook = object_pairs_hook = None
        parse_float, parse_int = float, int

        @staticmethod
        def parse_constant(name):
            raise ValueError("%s is not JSON" % name)

    def _refuse(x):
        raise TypeError("%s is not JSON serializable" % type(x).__name__)

    _scan = _json.make_scanner(_Ctx())
    _encode = _json.make_encoder(None, _refuse, _json.encode_basestring_ascii, None, ":", ",", False, False, False)

    def loads(s):
        s = s.strip()
        value, end = _scan(s, 0)
        if end != len(s):
            raise ValueError("extra data after the JSON value")
        return value

    def dumps(x):
        return "".join(_encode(x, 0))

    if dumps({"a": [1, -2.5, "\u00e9\n", None, True]}) != '{"a":[1,-2.5,"\\u00e9\\n",null,true]}' or loads(' {"a": [1, 2.5]}\n') != {"a": [1, 2.5]}:
        raise ImportError("unexpected _json behaviour")
except Exception:
    import json

    loads = json.loads

    def dumps(x):
        return json.dumps(x, allow_nan=False)

if hasattr(sys, "set_int_max_str_digits"):
    sys.set_int_max_str_digits(0)  # big answers are the harness's to refuse

_out = os.fdopen(os.dup(1), "w", encoding="utf-8", newline="\n")
_in = os.fdopen(os.dup(0), "r", encoding="utf-8", newline="\n")
_devnull = os.open(os.devnull, os.O_RDONLY)
os.dup2(_devnull, 0)  # input() in the solution sees end of file
os.dup2(2, 1)  # print() in the solution goes to stderr, not to the answers
os.close(_devnull)

_handles = []
_exc_builtins = {n: getattr(builtins, n) for n in dir(builtins) if isinstance(getattr(builtins, n), type) and issubclass(getattr(builtins, n), BaseException)}
_CONTAINERS = (list, tuple, dict, set, frozenset)


def _handle(x):
    for i, h in enumerate(_handles):
        if h is x:
            return {"h": i}
    _handles.append(x)
    return {"h": len(_handles) - 1}


def enc(x, memo):
    """Encode an honest value; subclasses of plain types travel as their base type."""
    t = type(x)
    if x is None or t is bool or t is str:
        return x
    if t is int:
        return x
    if t is float:
        return x if x - x == 0 else {"x": repr(x)}
    if isinstance(x, int):
        return int.__index__(x)
    if isinstance(x, float):
        return enc(float.__float__(x), memo)
    if isinstance(x, str):
        return str.__str__(x)
    if isinstance(x, (bytes, bytearray)):
        return {"b": bytes(x).hex()}
    if isinstance(x, complex):
        return {"c": [x.real, x.imag]}
    if isinstance(x, _CONTAINERS):
        if id(x) in memo:
            return {"r": memo[id(x)]}
        memo[id(x)] = len(memo)
        if isinstance(x, list):
            return [enc(v, memo) for v in list.__iter__(x)]
        if isinstance(x, tuple):
            return {"t": [enc(v, memo) for v in tuple.__iter__(x)]}
        if isinstance(x, dict):
            return {"d": [[enc(k, memo), enc(v, memo)] for k, v in dict.items(x)]}
        if isinstance(x, set):
            return {"s": [enc(v, memo) for v in set.__iter__(x)]}
        return {"f": [enc(v, memo) for v in frozenset.__iter__(x)]}
    return _handle(x)


def dec(j, objs):
    if j is None or type(j) in (bool, int, float, str):
        return j
    if type(j) is list:
        out = []
        objs.append(out)
        out.extend(dec(v, objs) for v in j)
        return out
    (tag, v), = j.items()
    if tag == "r":
        return objs[v]
    if tag == "h":
        return _handles[v]
    if tag == "x":
        return float(v)
    if tag == "b":
        return bytes.fromhex(v)
    if tag == "c":
        return complex(v[0], v[1])
    slot = len(objs)
    objs.append(None)
    if tag == "d":
        out = {}
        objs[slot] = out
        for k, val in v:
            out[dec(k, objs)] = dec(val, objs)
        return out
    if tag == "s":
        out = set()
        objs[slot] = out
        out.update(dec(x, objs) for x in v)
        return out
    items = [dec(x, objs) for x in v]
    objs[slot] = tuple(items) if tag == "t" else frozenset(items)
    return objs[slot]


def snapshot(x):
    """Shallow state of a mutable container, to see whether a call changed it."""
    def one(v):
        return ("o", id(v)) if isinstance(v, _CONTAINERS) else (type(v), v)
    if type(x) is list:
        return [one(v) for v in x]
    if type(x) is dict:
        return [(one(k), one(v)) for k, v in x.items()]
    if type(x) is set:
        return sorted(map(repr, x))
    return None


def contents(x, memo):
    if type(x) is list:
        return [enc(v, memo) for v in x]
    if type(x) is dict:
        return [[enc(k, memo), enc(v, memo)] for k, v in x.items()]
    return [enc(v, memo) for v in x]


def error(e):
    cls = next((c for c in type(e).__mro__ if _exc_builtins.get(c.__name__) is c), Exception)
    try:
        args = enc(list(e.args), {})
        dumps(args)
    except Exception:
        args = None
    return {"type": cls.__name__, "args": args, "msg": str(e)[:2000]}


def send(doc):
    try:
        line = dumps(doc)
    except Exception as e:
        line = dumps({"e": {"type": "TypeError", "args": None, "msg": "answer cannot be sent: %s" % e}})
    _out.write(line + "\n")
    _out.flush()


def serve(ns):
    while True:
        line = _in.readline()
        if not line:
            return
        req = loads(line)
        objs = []
        try:
            target = ns[req["g"]] if "g" in req else _handles[req["h"]]
            args = dec(req.get("a", []), objs)
            kwargs = dec(req.get("k", {"d": []}), objs)
            before = [snapshot(o) for o in objs]
            op = req["op"]
            if op == "call":
                value = target(*args, **kwargs)
            elif op == "getattr":
                value = getattr(target, args[0])
            elif op == "iter":
                value = iter(target)
            elif op == "next":
                value = next(target)
            elif op == "len":
                value = len(target)
            elif op == "getitem":
                value = target[args[0]]
            elif op == "contains":
                value = args[0] in target
            elif op == "bool":
                value = bool(target)
            elif op == "str":
                value = str(target)
            elif op == "repr":
                value = repr(target)
            elif op == "get":
                value = target
            else:
                raise ValueError("unknown operation %r" % op)
            memo = {id(o): i for i, o in enumerate(objs)}
            changed = [[i, contents(o, memo)] for i, o in enumerate(objs) if before[i] is not None and snapshot(o) != before[i]]
            send({"v": [changed, enc(value, memo)]})
        except BaseException as e:
            send({"e": error(e)})


def main():
    ns = {"__name__": "__sale_solution__", "__builtins__": builtins}
    try:
        with open("solution.py", encoding="utf-8") as f:
            source = f.read()
        exec(compile(source, "solution.py", "exec"), ns)
        # The task's own setup for the solution's module (HumanEval: the prompt's helpers), if any.
        if os.path.exists("solution_setup.py"):
            with open("solution_setup.py", encoding="utf-8") as f:
                exec(compile(f.read(), "solution_setup.py", "exec"), ns)
    except BaseException as e:
        text = str(e)
        send({"load_error": ("%s: %s" % (type(e).__name__, text) if text else type(e).__name__)[:500]})
        return
    names = {}
    for name, value in list(ns.items()):
        if name.startswith("__"):
            continue
        try:
            names[name] = enc(value, {}) if type(value) in (int, float, str, bool, type(None)) else _handle(value)
        except Exception:
            continue
    send({"globals": names})
    serve(ns)


main()
