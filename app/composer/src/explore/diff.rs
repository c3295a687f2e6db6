//! Line diffs for the output explorer: against the base preset and against the previous edit.

/// One line of a diff.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Same,
    Added,
    Removed,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line<'a> {
    pub op: Op,
    pub text: &'a str,
    /// 1-based line number in the new text (None for removed lines).
    pub new_no: Option<usize>,
}

/// Above this many cells the middle part is shown as removed + added rather than aligned.
const MAX_CELLS: usize = 4_000_000;

/// Line diff by longest common subsequence, after trimming the common head and tail.
pub fn lines<'a>(old: &'a str, new: &'a str) -> Vec<Line<'a>> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (am, bm) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    let mut out = Vec::with_capacity(a.len().max(b.len()) + 8);
    let mut no = 0usize;
    let same = |out: &mut Vec<Line<'a>>, t: &'a str, no: &mut usize| {
        *no += 1;
        out.push(Line {
            op: Op::Same,
            text: t,
            new_no: Some(*no),
        });
    };
    for t in &a[..head] {
        same(&mut out, t, &mut no);
    }
    if am.len().saturating_mul(bm.len()) > MAX_CELLS {
        out.extend(am.iter().map(|t| Line {
            op: Op::Removed,
            text: t,
            new_no: None,
        }));
        for t in bm {
            no += 1;
            out.push(Line {
                op: Op::Added,
                text: t,
                new_no: Some(no),
            });
        }
    } else {
        // lcs[i][j] = LCS length of am[i..] and bm[j..].
        let w = bm.len() + 1;
        let mut lcs = vec![0u32; (am.len() + 1) * w];
        for i in (0..am.len()).rev() {
            for j in (0..bm.len()).rev() {
                lcs[i * w + j] = if am[i] == bm[j] {
                    lcs[(i + 1) * w + j + 1] + 1
                } else {
                    lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < am.len() || j < bm.len() {
            if i < am.len() && j < bm.len() && am[i] == bm[j] {
                same(&mut out, am[i], &mut no);
                i += 1;
                j += 1;
            } else if j < bm.len() && (i == am.len() || lcs[i * w + j + 1] >= lcs[(i + 1) * w + j])
            {
                no += 1;
                out.push(Line {
                    op: Op::Added,
                    text: bm[j],
                    new_no: Some(no),
                });
                j += 1;
            } else {
                out.push(Line {
                    op: Op::Removed,
                    text: am[i],
                    new_no: None,
                });
                i += 1;
            }
        }
    }
    for t in &a[a.len() - tail..] {
        same(&mut out, t, &mut no);
    }
    out
}

/// A diff with unchanged runs folded to `context` lines around each change. A folded run is
/// returned as `Err(count)`.
pub fn folded<'a>(diff: &[Line<'a>], context: usize) -> Vec<Result<Line<'a>, usize>> {
    let changed: Vec<usize> = diff
        .iter()
        .enumerate()
        .filter(|(_, l)| l.op != Op::Same)
        .map(|(i, _)| i)
        .collect();
    let near = |i: usize| {
        let k = changed.partition_point(|&c| c < i.saturating_sub(context));
        changed.get(k).is_some_and(|&c| c <= i + context)
    };
    let mut out = Vec::new();
    let mut hidden = 0;
    for (i, l) in diff.iter().enumerate() {
        if l.op != Op::Same || near(i) {
            if hidden > 0 {
                out.push(Err(hidden));
                hidden = 0;
            }
            out.push(Ok(l.clone()));
        } else {
            hidden += 1;
        }
    }
    if hidden > 0 {
        out.push(Err(hidden));
    }
    out
}

/// (added, removed) line counts.
pub fn stats(diff: &[Line<'_>]) -> (usize, usize) {
    diff.iter().fold((0, 0), |(a, r), l| match l.op {
        Op::Added => (a + 1, r),
        Op::Removed => (a, r + 1),
        Op::Same => (a, r),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(d: &[Line<'_>]) -> (String, String) {
        let old = d
            .iter()
            .filter(|l| l.op != Op::Added)
            .map(|l| format!("{}\n", l.text))
            .collect();
        let new = d
            .iter()
            .filter(|l| l.op != Op::Removed)
            .map(|l| format!("{}\n", l.text))
            .collect();
        (old, new)
    }

    #[test]
    fn minimal_edit_in_the_middle() {
        let d = lines("a\nb\nc\nd\n", "a\nB\nc\nd\ne\n");
        assert_eq!(stats(&d), (2, 1));
        assert_eq!(apply(&d), ("a\nb\nc\nd\n".into(), "a\nB\nc\nd\ne\n".into()));
        assert_eq!(d.last().and_then(|l| l.new_no), Some(5));
    }

    #[test]
    fn identical_texts_have_no_changes_and_fold_to_one_run() {
        let t = "x\n".repeat(50);
        let d = lines(&t, &t);
        assert_eq!(stats(&d), (0, 0));
        assert_eq!(folded(&d, 3), vec![Err(50)]);
    }

    #[test]
    fn folding_keeps_context_around_changes() {
        let old: String = (0..40).map(|i| format!("{i}\n")).collect();
        let new = old.replace("20\n", "twenty\n");
        let f = folded(&lines(&old, &new), 2);
        assert_eq!(f.first(), Some(&Err(18)));
        assert_eq!(f.last(), Some(&Err(17)));
        assert_eq!(f.iter().filter(|l| l.is_ok()).count(), 6);
    }

    #[test]
    fn preset_against_preset_reads_back_both_sides() {
        let a = crate::compose(
            "minimal-local",
            &crate::preset("minimal-local").expect("preset").choices(),
        );
        let b = crate::compose(
            "production-ha",
            &crate::preset("production-ha").expect("preset").choices(),
        );
        let (va, vb) = (&a.files["values.yaml"], &b.files["values.yaml"]);
        let d = lines(va, vb);
        let (old, new) = apply(&d);
        assert_eq!(old.trim_end(), va.trim_end());
        assert_eq!(new.trim_end(), vb.trim_end());
    }
}
