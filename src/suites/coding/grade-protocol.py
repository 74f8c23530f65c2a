# Trusted grading harness, part 1 of 2 (grade-harness.py is appended to this file and run as one
# program with `python -I -S -B -c`). Runs OUTSIDE the sandbox, as its own process, and is the only
# place where the hidden tests and their expected values exist (they arrive on stdin from the Node
# grader; the sandboxed solution never receives them). See grading-threat-model.md.
#
# The test code runs here, in a namespace where each name the tests use from the solution is a
# RemoteObject: calling it (or reading an attribute, iterating, ...) sends the arguments as plain
# data to the solution server inside the sandbox and turns its answer back into plain data with
# exact types (int, float, str, bool, None, bytes, complex, list, tuple, dict, set, frozenset) or
# another RemoteObject. So `f(x) == y` compares two plain values built here: an answer cannot carry
# an __eq__ of its own, patch builtins, exit the tests or print a verdict.
#
# Channels (one harness serves many jobs, one at a time; see harness-pool.ts): stdin = "J<job> spec",
# then the solution's lines relayed by Node as "S<job> line" and "X<job>" when its process ended;
# fd 1 = lines to Node: ">" + request for the solution, "=<job> " + the final report. Lines of
# another job are skipped. Nothing the solution sends is ever written to fd 1.
import builtins, json, os, sys

sys.set_int_max_str_digits(20_000) if hasattr(sys, "set_int_max_str_digits") else None  # parsing is quadratic
_out = os.fdopen(os.dup(1), "w", encoding="utf-8", newline="\n")
os.dup2(2, 1)  # prints in test code go to stderr
_in = sys.stdin
MAX_LINE = 16 * 1024 * 1024


class ProtocolError(Exception):
    """The solution's process sent something that is not a valid answer."""


class SolutionGone(Exception):
    """The solution's process ended (exit, crash or a limit) before answering."""


class RemoteError(Exception):
    """The solution raised an exception that is not a built-in one (or could not be rebuilt)."""


_EXC = {n: c for n, c in vars(builtins).items() if isinstance(c, type) and issubclass(c, BaseException)}
_NOT_RAISED = {"SystemExit", "KeyboardInterrupt", "GeneratorExit", "BaseException"}
_proxies = {}


def remote(ref):
    key = ("g", ref["g"]) if "g" in ref else ("h", ref["h"])
    if key not in _proxies:
        _proxies[key] = RemoteObject(ref)
    return _proxies[key]


def request(ref, op, args=(), kwargs=None):
    objs = []
    doc = dict(ref)
    doc["op"] = op
    doc["a"] = enc(list(args), objs)
    if kwargs:
        doc["k"] = enc(dict(kwargs), objs)
    _out.write(">" + json.dumps(doc, allow_nan=False) + "\n")
    _out.flush()
    reply = read()
    if "e" in reply:
        raise rebuild(reply["e"])
    if not isinstance(reply.get("v"), list) or len(reply["v"]) != 2:
        raise ProtocolError("malformed answer")
    changed, value = reply["v"]
    memo = list(objs)
    # Arguments the call changed in place: rebuild their contents, then update our own objects.
    updates = []
    for i, items in checked_list(changed):
        if type(i) is not int or not 0 <= i < len(objs):
            raise ProtocolError("bad argument index")
        target = objs[i]
        if type(target) is list:
            updates.append((target, [dec(v, memo) for v in checked_list(items)]))
        elif type(target) is dict:
            updates.append((target, dict(pair(p, memo) for p in checked_list(items))))
        elif type(target) is set:
            updates.append((target, {dec(v, memo) for v in checked_list(items)}))
        else:
            raise ProtocolError("immutable argument reported as changed")
    result = dec(value, memo)
    for target, new in updates:
        if type(target) is list:
            target[:] = new
        else:
            target.clear()
            target.update(new)
    return result


_job = [""]


def read():
    while True:
        line = _in.readline(MAX_LINE + 16)
        if not line:
            os._exit(0)  # Node went away
        if line.startswith("S" + _job[0] + " "):
            line = line[len(_job[0]) + 2:]
            break
        if line.startswith("X" + _job[0] + "\n"):
            raise SolutionGone("the solution's process ended before answering")
    if len(line) > MAX_LINE:
        raise ProtocolError("answer too long")
    try:
        doc = json.loads(line)
    except (ValueError, RecursionError):
        raise ProtocolError("answer is not JSON") from None
    if type(doc) is not dict:
        raise ProtocolError("answer is not an object")
    return doc


def rebuild(e):
    if type(e) is not dict or type(e.get("type")) is not str or type(e.get("msg")) is not str:
        return ProtocolError("malformed exception")
    name, msg = e["type"], e["msg"]
    cls = _EXC.get(name)
    if cls is None or name in _NOT_RAISED:
        return RemoteError("%s: %s" % (name, msg))
    try:
        args = dec(e["args"], []) if e.get("args") is not None else None
        return cls(*args) if type(args) is list else cls(msg)
    except Exception:
        try:
            return cls(msg)
        except Exception:
            return RemoteError("%s: %s" % (name, msg))


def checked_list(x):
    if type(x) is not list:
        raise ProtocolError("expected a list")
    return x


def pair(p, memo):
    if type(p) is not list or len(p) != 2:
        raise ProtocolError("bad dict item")
    k = dec(p[0], memo)
    hash(k)
    return k, dec(p[1], memo)


def dec(j, memo):
    """Build plain data (exact types) from an answer; anything else is a protocol error."""
    t = type(j)
    if j is None or t is bool or t is int or t is float or t is str:
        return j
    if t is list:
        out = []
        memo.append(out)
        for v in j:
            out.append(dec(v, memo))
        return out
    if t is not dict or len(j) != 1:
        raise ProtocolError("bad value")
    (tag, v), = j.items()
    try:
        if tag == "r":
            x = memo[v] if type(v) is int and v >= 0 else None
            if x is None:
                raise ProtocolError("bad reference")
            return x
        if tag == "h":
            if type(v) is not int or v < 0:
                raise ProtocolError("bad handle")
            return remote({"h": v})
        if tag == "x":
            if v not in ("nan", "inf", "-inf"):
                raise ProtocolError("bad float")
            return float(v)
        if tag == "b":
            return bytes.fromhex(v if type(v) is str else "?")
        if tag == "c":
            if type(v) is not list or len(v) != 2 or any(type(x) not in (int, float) for x in v):
                raise ProtocolError("bad complex")
            return complex(v[0], v[1])
        slot = len(memo)
        memo.append(None)
        if tag == "d":
            out = {}
            memo[slot] = out
            for p in checked_list(v):
                k, val = pair(p, memo)
                out[k] = val
            return out
        if tag == "s":
            out = set()
            memo[slot] = out
            for x in checked_list(v):
                out.add(dec(x, memo))
            return out
        if tag in ("t", "f"):
            items = [dec(x, memo) for x in checked_list(v)]
            memo[slot] = tuple(items) if tag == "t" else frozenset(items)
            return memo[slot]
    except ProtocolError:
        raise
    except (TypeError, ValueError, RecursionError, IndexError) as e:
        raise ProtocolError("bad value: %s" % type(e).__name__) from None
    raise ProtocolError("bad tag")


def enc(x, objs):
    """Encode an argument (our own plain data, or a RemoteObject) for the solution."""
    t = type(x)
    if x is None or t is bool or t is int or t is str:
        return x
    if t is float:
        return x if x == x and x not in (float("inf"), float("-inf")) else {"x": repr(x)}
    if t is bytes:
        return {"b": x.hex()}
    if t is complex:
        return {"c": [x.real, x.imag]}
    if t is RemoteObject:
        return dict(object.__getattribute__(x, "_ref"))
    if t in (list, tuple, dict, set, frozenset):
        for i, o in enumerate(objs):
            if o is x:
                return {"r": i}
        objs.append(x)
        if t is list:
            return [enc(v, objs) for v in x]
        if t is dict:
            return {"d": [[enc(k, objs), enc(v, objs)] for k, v in x.items()]}
        tag = {"tuple": "t", "set": "s", "frozenset": "f"}[t.__name__]
        return {tag: [enc(v, objs) for v in x]}
    raise TypeError("a %s cannot be passed to the solution (only plain data crosses into the sandbox)" % t.__name__)


class RemoteObject:
    """Stands for an object that lives in the solution's process."""

    __slots__ = ("_ref",)

    def __init__(self, ref):
        object.__setattr__(self, "_ref", ref)

    def _ask(self, op, *args, **kwargs):
        return request(object.__getattribute__(self, "_ref"), op, args, kwargs)

    def __call__(self, *args, **kwargs):
        return self._ask("call", *args, **kwargs)

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return self._ask("getattr", name)

    def __iter__(self):
        it = self._ask("iter")
        if type(it) is not RemoteObject:
            raise TypeError("iterator is not an iterator")
        return it

    def __next__(self):
        return self._ask("next")

    def __len__(self):
        n = self._ask("len")
        if type(n) is not int:
            raise TypeError("len() answered a non-int")
        return n

    def __getitem__(self, key):
        return self._ask("getitem", key)

    def __contains__(self, item):
        return self._ask("contains", item) is True

    def __bool__(self):
        return self._ask("bool") is True

    def __str__(self):
        s = self._ask("str")
        return s if type(s) is str else "<remote object>"

    def __repr__(self):
        s = self._ask("repr")
        return s if type(s) is str else "<remote object>"

    __hash__ = object.__hash__
    __eq__ = object.__eq__

