# Mutant generator for `sale datasets validate --mutants`, run inside the sandbox.
#
# Reads jobs.json: {"max": N, "seed": S, "jobs": [{"key": task id, "source": reference}, ...]} and
# writes one JSON line to stdout: {"results": [{key, sites, error, mutants: [...]}, ...]}.
# The reference is only parsed (ast), never executed here.
#
# Operators (exactly these; each (node, replacement) pair is one mutation site):
#   flip-comparison   < <-> <=, > <-> >=, == <-> !=   (each operator of a chained comparison apart)
#   swap-arithmetic   + <-> -, * <-> //, / <-> *, % <-> //, in binary operations and augmented
#                     assignments. Every arrow is honoured, so * has two replacements (// and /) and
#                     // has two (* and %); each is its own site.
#   add-one           an int literal n becomes n + 1 (bools are not ints here; -1 is -(1) -> -(2))
#   swap-boolean      and <-> or
#   negate-condition  the test of an `if` / `elif` / `while` statement becomes `not (test)`; a test
#                     that is already `not x` becomes `x`. Conditional expressions and comprehension
#                     filters are not touched (the issue names if conditions; `while` is included
#                     because a loop condition is the same kind of branch).
#   return-none       `return <expr>` becomes `return None` (a bare `return` is not a site; an
#                     explicit `return None` is, and yields a non-viable mutant).
# Not sites: type annotations (argument, return and variable annotations: mutating them changes no
# behaviour) and docstrings.
#
# Selection: up to N sites sampled uniformly, without replacement, by random.Random("<seed>/<key>")
# (string seeds are hashed with SHA-512, so the choice is stable across runs and PYTHONHASHSEED, and a
# task's mutants do not depend on which other tasks are scored). Chosen mutants are listed in source
# order (line, column, then walk order). A mutant is viable when ast.unparse of it differs from
# ast.unparse of the original, it is not a duplicate of an earlier mutant of the same task, and it
# compiles. Non-viable mutants still count as generated (sampling happens before the check).
#
# Positions: line is the line of the mutated node in the original source (1-based), col its column
# (1-based, ast's UTF-8 offset + 1). The diff compares ast.unparse of the original and of the mutant,
# so its line numbers follow the unparsed text, which drops comments and blank lines.
import ast, copy, difflib, json, random, sys

if sys.version_info < (3, 9):
    sys.stdout.write(json.dumps({"fatal": "the mutant generator needs Python >= 3.9 (ast.unparse)"}) + "\n")
    sys.exit(0)

CMP_FLIP = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq, ast.NotEq: ast.Eq}
ARITH_SWAP = {
    ast.Add: [ast.Sub],
    ast.Sub: [ast.Add],
    ast.Mult: [ast.FloorDiv, ast.Div],
    ast.FloorDiv: [ast.Mult, ast.Mod],
    ast.Div: [ast.Mult],
    ast.Mod: [ast.FloorDiv],
}
BOOL_SWAP = {ast.And: ast.Or, ast.Or: ast.And}
SYMBOL = {
    ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=",
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.FloorDiv: "//", ast.Div: "/", ast.Mod: "%",
    ast.And: "and", ast.Or: "or",
}
SNIPPET = 70


def children(node):
    """Child nodes in field order, without annotations and docstrings."""
    body_doc = None
    if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
        first = node.body[0]
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
            body_doc = first
    for field, value in ast.iter_fields(node):
        if field in ("annotation", "returns") or (field == "type_comment"):
            continue
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, ast.AST) and item is not body_doc:
                yield item


def walk(tree):
    """Deterministic pre-order walk; the same on a deep copy, so a site is found again by index."""
    out = []
    stack = [tree]
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(reversed(list(children(node))))
    return out


def sites_of(nodes):
    sites = []  # (node index, operator, detail)
    for i, node in enumerate(nodes):
        if isinstance(node, ast.Compare):
            for j, op in enumerate(node.ops):
                if type(op) in CMP_FLIP:
                    sites.append((i, "flip-comparison", j))
        elif isinstance(node, (ast.BinOp, ast.AugAssign)):
            for repl in ARITH_SWAP.get(type(node.op), []):
                sites.append((i, "swap-arithmetic", repl))
        elif isinstance(node, ast.Constant) and type(node.value) is int:
            sites.append((i, "add-one", None))
        elif isinstance(node, ast.BoolOp):
            sites.append((i, "swap-boolean", None))
        elif isinstance(node, (ast.If, ast.While)):
            sites.append((i, "negate-condition", None))
        elif isinstance(node, ast.Return) and node.value is not None:
            sites.append((i, "return-none", None))
    return sites


def short(node):
    text = ast.unparse(node).split("\n")[0]
    return text if len(text) <= SNIPPET else text[: SNIPPET - 3] + "..."


def apply(node, operator, detail):
    """Mutate node in place; return a description."""
    if operator == "flip-comparison":
        old = type(node.ops[detail])
        node.ops[detail] = CMP_FLIP[old]()
        return "`%s` -> `%s`" % (SYMBOL[old], SYMBOL[CMP_FLIP[old]])
    if operator == "swap-arithmetic":
        old = type(node.op)
        node.op = detail()
        return "`%s` -> `%s`%s" % (SYMBOL[old], SYMBOL[detail], " (augmented assignment)" if isinstance(node, ast.AugAssign) else "")
    if operator == "add-one":
        old = node.value
        node.value = old + 1
        return "`%d` -> `%d`" % (old, old + 1)
    if operator == "swap-boolean":
        old = type(node.op)
        node.op = BOOL_SWAP[old]()
        return "`%s` -> `%s`" % (SYMBOL[old], SYMBOL[BOOL_SWAP[old]])
    if operator == "negate-condition":
        test = node.test
        if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
            node.test = test.operand
        else:
            node.test = ast.UnaryOp(op=ast.Not(), operand=test)
        return "%s condition negated" % ("while" if isinstance(node, ast.While) else "if")
    if operator == "return-none":
        node.value = ast.Constant(value=None)
        return "return value replaced by None"
    raise ValueError(operator)


def mutants_for(source, key, max_n, seed):
    tree = ast.parse(source)
    original = ast.unparse(tree)
    nodes = walk(tree)
    sites = sites_of(nodes)
    rng = random.Random("%s/%s" % (seed, key))
    picked = rng.sample(range(len(sites)), min(max_n, len(sites)))
    position = lambda s: (getattr(nodes[sites[s][0]], "lineno", 0), getattr(nodes[sites[s][0]], "col_offset", 0), s)
    chosen = sorted(picked, key=position)
    seen = set()
    mutants = []
    for s in chosen:
        index, operator, detail = sites[s]
        where = nodes[index]
        mutant_tree = copy.deepcopy(tree)
        target = walk(mutant_tree)[index]
        before = short(target)
        what = apply(target, operator, detail)
        after = short(target)
        code = ast.unparse(mutant_tree)
        reason = None
        if code == original:
            reason = "unchanged"
        elif code in seen:
            reason = "duplicate"
        else:
            try:
                compile(code, "mutant", "exec")
            except SyntaxError as e:
                reason = "does not compile: %s" % e.msg
        seen.add(code)
        diff = "\n".join(difflib.unified_diff(original.split("\n"), code.split("\n"), "reference", "mutant", n=1, lineterm=""))
        mutants.append({
            "operator": operator,
            "line": getattr(where, "lineno", 0),
            "col": getattr(where, "col_offset", -1) + 1,
            "description": what if operator == "add-one" else "%s: `%s` becomes `%s`" % (what, before, after),
            "code": code + "\n",
            "diff": diff,
            "viable": reason is None,
            "reason": reason,
        })
    return {"key": key, "sites": len(sites), "original": original + "\n", "mutants": mutants, "error": None}


def main():
    spec = json.load(open("jobs.json", encoding="utf-8"))
    results = []
    for job in spec["jobs"]:
        try:
            results.append(mutants_for(job["source"], job["key"], int(spec["max"]), spec["seed"]))
        except SyntaxError as e:
            results.append({"key": job["key"], "sites": 0, "mutants": [], "error": "reference does not parse: line %s: %s" % (e.lineno, e.msg)})
        except (RecursionError, ValueError, MemoryError) as e:
            results.append({"key": job["key"], "sites": 0, "mutants": [], "error": "%s: %s" % (type(e).__name__, e)})
    sys.stdout.write(json.dumps({"results": results}) + "\n")


main()
