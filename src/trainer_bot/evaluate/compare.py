"""Compare two result files: per-metric deltas and flips (cases that passed before and fail now)."""

from __future__ import annotations

from dataclasses import dataclass

from .metrics import lower_is_better

IGNORED = ("cases",)


@dataclass(frozen=True)
class MetricDelta:
    name: str
    old: float | None
    new: float | None

    @property
    def delta(self) -> float | None:
        return None if self.old is None or self.new is None else round(self.new - self.old, 4)

    def regressed(self, tolerance: float) -> bool:
        """Worse by more than ``tolerance``: a rise for lower-is-better metrics, a fall for the rest."""
        if self.delta is None:
            return False
        if self.name.startswith("latency"):  # timings are noisy: a rise counts past 20% of the old figure
            return self.delta > max(tolerance, 0.2 * abs(self.old or 0.0))
        return self.delta > tolerance if lower_is_better(self.name) else self.delta < -tolerance


@dataclass(frozen=True)
class Comparison:
    deltas: list[MetricDelta]
    broke: list[str]  # case ids: passed before, fail now
    fixed: list[str]  # case ids: failed before, pass now

    def regressions(self, tolerance: float = 0.0) -> list[MetricDelta]:
        return [d for d in self.deltas if d.regressed(tolerance)]

    def markdown(self, tolerance: float = 0.0) -> str:
        lines = ["| 指标 | 旧 | 新 | 变化 |", "|---|---:|---:|---:|"]
        for d in self.deltas:
            mark = " ⚠" if d.regressed(tolerance) else ""
            delta = "—" if d.delta is None else f"{d.delta:+.4f}"
            lines.append(f"| {d.name} | {_fmt(d.old)} | {_fmt(d.new)} | {delta}{mark} |")
        lines.append("")
        lines.append(f"由通过变为失败的用例（{len(self.broke)}）：" + ("、".join(self.broke) or "无"))
        lines.append(f"由失败变为通过的用例（{len(self.fixed)}）：" + ("、".join(self.fixed) or "无"))
        return "\n".join(lines)


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.4f}"


def compare_results(old: dict, new: dict) -> Comparison:
    names = [k for k in dict.fromkeys([*old.get("metrics", {}), *new.get("metrics", {})]) if k not in IGNORED]
    deltas = [MetricDelta(n, old["metrics"].get(n), new["metrics"].get(n)) for n in names]
    before = {c["id"]: c["passed"] for c in old.get("cases", [])}
    after = {c["id"]: c["passed"] for c in new.get("cases", [])}
    common = [i for i in after if i in before]
    return Comparison(deltas, [i for i in common if before[i] and not after[i]],
                      [i for i in common if not before[i] and after[i]])
