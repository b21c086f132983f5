"""Jinja's sandbox with a budget: a seller's template renders in milliseconds or is refused
saying which limit it ran into.

The sandbox alone keeps templates away from Python's internals, but not from the CPU or
memory: nested loops over `range(100000)`, recursive macros, `"x" * 10**9` or filters with
huge widths would each hold a server worker for minutes. Here every render gets a budget of
loop iterations, calls and output characters; `range` is short; every value built by `~`,
`+` or `*` is size-checked before it is built; and only filters whose result cannot outgrow
their input are available.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from jinja2 import nodes, pass_eval_context
from jinja2.compiler import CodeGenerator
from jinja2.filters import FILTERS
from jinja2.runtime import BlockReference, LoopContext, Macro
from jinja2.sandbox import SandboxedEnvironment

# Per render of one template (the built-in ones use a few dozen of each).
MAX_LOOP_ITERATIONS = 10_000
MAX_CALLS = 10_000
MAX_RANGE = 1_000
MAX_OUTPUT_CHARACTERS = 100_000
# Any one string or list a template builds.
MAX_VALUE_LENGTH = 100_000
MAX_INTEGER_BITS = 256

# Filters whose result is about as large as their input (and join, checked before it joins);
# the others (center, indent, format, wordwrap, ...) can be asked for arbitrarily large
# output with a small argument.
SAFE_FILTERS = (
    "abs", "capitalize", "count", "d", "default", "e", "escape", "first", "float", "int", "last",
    "length", "list", "lower", "max", "min", "reverse", "round", "sort", "string", "striptags",
    "sum", "title", "trim", "truncate", "unique", "upper", "wordcount",
)  # fmt: skip


SAFE_METHODS = (
    "capitalize", "casefold", "count", "endswith", "find", "get", "index", "isalnum", "isalpha",
    "isdigit", "islower", "isspace", "isupper", "items", "keys", "lower", "lstrip", "rsplit",
    "rstrip", "split", "splitlines", "startswith", "strip", "title", "upper", "values",
)  # fmt: skip


class TemplateLimitExceeded(Exception):
    """A render ran into one of the limits; `limit` names it (e.g. "loop_iterations")."""

    def __init__(self, limit: str, detail: str) -> None:
        super().__init__(detail)
        self.limit = limit
        self.detail = detail


@dataclass
class _Budget:
    loop_iterations: int = 0
    calls: int = 0
    output: int = 0


_budget: ContextVar[_Budget | None] = ContextVar("template_budget", default=None)


@contextmanager
def bounded_render() -> Iterator[None]:
    """Renders inside this block share one fresh budget."""
    token = _budget.set(_Budget())
    try:
        yield
    finally:
        _budget.reset(token)


def _spend(kind: str, amount: int, limit: int, what: str) -> None:
    budget = _budget.get()
    if budget is None:
        return  # a built-in template rendered outside bounded_render(): ours, trusted
    spent = getattr(budget, kind) + amount
    setattr(budget, kind, spent)
    if spent > limit:
        raise TemplateLimitExceeded(kind, f"the template exceeds the limit of {limit:,} {what} per render")


def _check_length(length: int) -> None:
    if length > MAX_VALUE_LENGTH:
        raise TemplateLimitExceeded(
            "value_length",
            f"the template builds a value of {length:,} characters or items; the limit is {MAX_VALUE_LENGTH:,}",
        )


def _bounded_iteration(iterable: Iterable) -> Iterator:
    for item in iterable:
        _spend("loop_iterations", 1, MAX_LOOP_ITERATIONS, "loop iterations")
        yield item


def _short_range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise TemplateLimitExceeded("range", f"range() of {len(numbers):,} numbers; the limit is {MAX_RANGE:,}")
    return numbers


def _sized(value: Any) -> int | None:
    return len(value) if isinstance(value, str | list | tuple) else None


def _callable_in_templates(environment: BoundedSandbox, obj: Any) -> bool:
    """Macros, loops, blocks, range and the methods whose result is no larger than their object."""
    if isinstance(obj, Macro | LoopContext | BlockReference) or obj is _short_range:
        return True
    owner = getattr(obj, "__self__", None)
    if owner is environment or isinstance(owner, LoopContext):
        return True  # bounded_iteration; loop.cycle(), loop.changed()
    return isinstance(owner, str | list | tuple | dict) and getattr(obj, "__name__", "") in SAFE_METHODS


class _BoundedCodeGenerator(CodeGenerator):
    """Every piece of output (of templates, macros and blocks) is charged, and `~` checks the
    size of what it would build before building it."""

    def _output_const_repr(self, group) -> str:
        return f"environment.charged({super()._output_const_repr(group)})"

    def _output_child_pre(self, node, frame, finalize) -> None:
        self.write("environment.charged(")
        super()._output_child_pre(node, frame, finalize)

    def _output_child_post(self, node, frame, finalize) -> None:
        super()._output_child_post(node, frame, finalize)
        self.write(")")

    def visit_Concat(self, node, frame) -> None:
        self.write("environment.joined((")
        for part in node.nodes:
            self.visit(part, frame)
            self.write(", ")
        self.write("), ")
        if frame.eval_ctx.volatile:
            self.write("(markup_join if context.eval_ctx.volatile else str_join)")
        else:
            self.write("markup_join" if frame.eval_ctx.autoescape else "str_join")
        self.write(")")


def _filter_with_checked_result(name: str):
    original = FILTERS[name]

    def checked(*args, **kwargs):
        result = original(*args, **kwargs)
        size = _sized(result)
        if size is not None:
            _check_length(size)
        return result

    if hasattr(original, "jinja_pass_arg"):  # what pass_context, pass_environment... marked
        checked.jinja_pass_arg = original.jinja_pass_arg
    return checked


@pass_eval_context
def _bounded_join(eval_ctx, value: Iterable, separator: str = "", attribute: str | int | None = None) -> str:
    """Jinja's join, refused before it is built when the result would be too long."""
    items = list(value)
    _check_length(sum(len(str(item)) for item in items) + len(str(separator)) * max(len(items) - 1, 0))
    return FILTERS["join"](eval_ctx, items, separator, attribute)


class BoundedSandbox(SandboxedEnvironment):
    code_generator_class = _BoundedCodeGenerator
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.filters = {name: _filter_with_checked_result(name) for name in SAFE_FILTERS} | {"join": _bounded_join}
        self.globals = {"range": _short_range}

    def _parse(self, source, name, filename):
        """Every `for` loop iterates through the budget."""
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Call(nodes.EnvironmentAttribute("bounded_iteration"), [loop.iter], [], None, None)
        return tree

    def bounded_iteration(self, iterable: Iterable) -> Iterator:
        return _bounded_iteration(iterable)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - the sandbox's own signature
        _spend("calls", 1, MAX_CALLS, "calls (macro calls, includes and imports)")
        if not _callable_in_templates(__self, __obj):
            name = getattr(__obj, "__name__", type(__obj).__name__)
            raise TemplateLimitExceeded("callable", f"calling {name}() is not available in templates")
        if isinstance(__obj, LoopContext) and args:  # a recursive loop's next level
            args = (_bounded_iteration(args[0]), *args[1:])
        result = super().call(__context, __obj, *args, **kwargs)
        size = _sized(result)
        if size is not None:
            _check_length(size)
        return result

    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        if operator == "%" and isinstance(left, str):
            raise TemplateLimitExceeded(
                "string_formatting", "%-formatting of strings is not available; write {{ value }}"
            )
        if operator == "*":
            for sequence, times in ((left, right), (right, left)):
                if _sized(sequence) is not None and isinstance(times, int):
                    _check_length(len(sequence) * max(times, 0))
        if operator == "+" and _sized(left) is not None and _sized(right) is not None:
            _check_length(len(left) + len(right))
        if isinstance(left, int) and isinstance(right, int):
            bits = {
                "*": left.bit_length() + right.bit_length(),
                "**": left.bit_length() * max(right, 0),
            }.get(operator, 0)
            if bits > MAX_INTEGER_BITS:
                raise TemplateLimitExceeded(
                    "number_size", f"the template computes a number over {MAX_INTEGER_BITS} bits"
                )
        return super().call_binop(context, operator, left, right)

    def charged(self, piece: Any) -> Any:
        _spend("output", len(piece), MAX_OUTPUT_CHARACTERS, "output characters")
        return piece

    def joined(self, parts: tuple, join) -> str:
        """`a ~ b ~ ...`, refused before it is built when it would be too long."""
        _check_length(sum(len(part) if isinstance(part, str) else len(str(part)) for part in parts))
        return join(parts)

    def get_template(self, name, parent=None, globals=None):
        """Includes and imports count as calls: a template including itself twice would
        otherwise render 2**depth times."""
        _spend("calls", 1, MAX_CALLS, "calls (macro calls, includes and imports)")
        return super().get_template(name, parent, globals)

    def select_template(self, names, parent=None, globals=None):
        _spend("calls", 1, MAX_CALLS, "calls (macro calls, includes and imports)")
        return super().select_template(names, parent, globals)
