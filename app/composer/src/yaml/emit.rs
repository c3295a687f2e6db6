//! Block structure: maps, sequences and documents written straight into text, in the order
//! the renderers produce them. Values are anything that implements [`Emit`]: scalars, trees
//! ([`Y`]), and lazily written maps and sequences ([`map`], [`seq`], [`each`], or the `emap!` and
//! `eseq!` macros), which write themselves when their turn comes, so a bundle never exists as a
//! tree. Whether a map or sequence is empty (written `{}`/`[]` after its key) is only known at its
//! end, so each one writes its opening with its first entry.

use super::{Text, Y, classify, indent, push_text, write_scalar};

// The writing steps below (`lead`, `scalar`, `key`, `entry`, `item`, `open`, `close`) are
// inlined into every renderer in native builds, where they are the bench's hot path; the wasm
// build leaves them as calls, which keeps one copy of each and about 10 KB (brotli) off the
// composer page.

/// Where the next value goes.
#[derive(Clone, Copy, PartialEq)]
enum At {
    /// A whole document.
    Doc,
    /// After `key` written at indent `ind` (the value's block goes deeper).
    Key,
    /// An item of a sequence whose `- ` is at indent `ind`.
    Item,
}

/// The place one value is written into.
pub struct Slot<'o> {
    out: &'o mut String,
    ind: usize,
    at: At,
}

impl Slot<'_> {
    /// Writes what goes before a value on this line (`: ` after a key, `- ` for an item) and
    /// returns how deep a literal block of that value goes: two deeper than its key, or than
    /// its item's `- `.
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    fn lead(&mut self) -> usize {
        match self.at {
            At::Doc => self.ind,
            At::Key => {
                self.out.push_str(": ");
                self.ind
            }
            At::Item => {
                indent(self.out, self.ind);
                self.out.push_str("- ");
                self.ind + 2
            }
        }
    }

    /// A scalar value: `key: v`, `- v` or `v`, and the line break.
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    pub fn scalar(mut self, s: Scalar<'_>) {
        let ind = self.lead();
        write_scalar(self.out, s, ind);
        self.out.push('\n');
    }

    /// An empty map or sequence, `{}` or `[]`, on its key's or item's line.
    fn empty(mut self, flow: &str) {
        self.lead();
        self.out.push_str(flow);
        self.out.push('\n');
    }
}

/// A scalar in the form the writer needs: the text and, when known, whether it is plain.
#[derive(Clone, Copy)]
pub enum Scalar<'a> {
    Null,
    Bool(bool),
    Int(i64),
    /// A number written as is when it reads back as one, otherwise quoted.
    Num(&'a str),
    /// Text and its class (`PLAIN` or the scan bits), when the caller knows it.
    Text(&'a str, Option<u8>),
}

/// A value a map or sequence can hold.
pub trait Emit {
    fn emit(self, slot: Slot<'_>);
    /// An absent value leaves its key (or item) out; only `Option` is ever absent.
    #[inline(always)]
    fn absent(&self) -> bool {
        false
    }
}

/// The entries of one map, written as they are added.
pub struct Map<'o> {
    out: &'o mut String,
    /// Indent of the entries.
    ind: usize,
    /// Where the map was opened (where it goes when empty).
    at: At,
    empty: bool,
}

impl<'o> Map<'o> {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    fn open(slot: Slot<'o>) -> Map<'o> {
        let ind = if slot.at == At::Doc {
            slot.ind
        } else {
            slot.ind + 2
        };
        Map {
            out: slot.out,
            ind,
            at: slot.at,
            empty: true,
        }
    }

    /// The indent of the slot the map was opened in.
    fn outer(&self) -> usize {
        if self.at == At::Doc {
            self.ind
        } else {
            self.ind - 2
        }
    }

    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    fn key(&mut self, k: &Text) {
        if self.empty {
            self.empty = false;
            match self.at {
                At::Doc => {}
                At::Key => {
                    self.out.push_str(":\n");
                    indent(self.out, self.ind);
                }
                At::Item => {
                    indent(self.out, self.outer());
                    self.out.push_str("- ");
                }
            }
        } else {
            indent(self.out, self.ind);
        }
        push_text(self.out, k);
    }

    /// `key: value`; an absent value writes nothing.
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    pub fn entry(&mut self, k: Text, v: impl Emit) {
        if v.absent() {
            return;
        }
        self.key(&k);
        v.emit(Slot {
            out: self.out,
            ind: self.ind,
            at: At::Key,
        });
    }

    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    fn close(self) {
        if self.empty {
            let ind = self.outer();
            Slot {
                out: self.out,
                ind,
                at: self.at,
            }
            .empty("{}");
        }
    }
}

/// The items of one sequence, written as they are added.
pub struct Seq<'o> {
    out: &'o mut String,
    /// Indent of the items' `- `.
    ind: usize,
    /// Where the sequence was opened (where it goes when empty).
    at: At,
    empty: bool,
}

impl<'o> Seq<'o> {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    fn open(slot: Slot<'o>) -> Seq<'o> {
        // Under a key the items sit at the key's indent; an item of a sequence goes deeper.
        let ind = if slot.at == At::Item {
            slot.ind + 2
        } else {
            slot.ind
        };
        Seq {
            out: slot.out,
            ind,
            at: slot.at,
            empty: true,
        }
    }

    /// The indent of the slot the sequence was opened in.
    fn outer(&self) -> usize {
        if self.at == At::Item {
            self.ind - 2
        } else {
            self.ind
        }
    }

    /// One item; an absent value writes nothing.
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    pub fn item(&mut self, v: impl Emit) {
        if v.absent() {
            return;
        }
        if self.empty {
            self.empty = false;
            match self.at {
                At::Doc => {}
                At::Key => self.out.push_str(":\n"),
                At::Item => {
                    indent(self.out, self.outer());
                    self.out.push_str("-\n");
                }
            }
        }
        v.emit(Slot {
            out: self.out,
            ind: self.ind,
            at: At::Item,
        });
    }

    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    fn close(self) {
        if self.empty {
            let ind = self.outer();
            Slot {
                out: self.out,
                ind,
                at: self.at,
            }
            .empty("[]");
        }
    }
}

/// Documents of one file, separated by `---`.
pub struct Docs<'o> {
    out: &'o mut String,
    count: usize,
}

impl<'o> Docs<'o> {
    pub fn new(out: &'o mut String) -> Docs<'o> {
        Docs { out, count: 0 }
    }

    /// Appends one document; an absent one writes nothing.
    pub fn doc(&mut self, v: impl Emit) {
        if v.absent() {
            return;
        }
        if self.count > 0 {
            self.out.push_str("---\n");
        }
        self.count += 1;
        v.emit(Slot {
            out: self.out,
            ind: 0,
            at: At::Doc,
        });
    }

    /// How many documents were written.
    pub fn count(&self) -> usize {
        self.count
    }
}

/// A value that is never there, for an optional field a caller leaves out.
pub const ABSENT: Option<&str> = None;

/// A map written by `f` when its turn comes.
pub struct MapOf<F>(F);
/// A sequence written by `f` when its turn comes.
pub struct SeqOf<F>(F);
/// A sequence of the items of an iterator.
pub struct Each<I>(I);

#[inline(always)]
pub fn map<F: FnOnce(&mut Map<'_>)>(f: F) -> MapOf<F> {
    MapOf(f)
}

#[inline(always)]
pub fn seq<F: FnOnce(&mut Seq<'_>)>(f: F) -> SeqOf<F> {
    SeqOf(f)
}

#[inline(always)]
pub fn each<I: IntoIterator<Item: Emit>>(items: I) -> Each<I> {
    Each(items)
}

/// Entries spliced into another map where `emap!` says `..entries`.
pub trait Entries {
    fn add_to(self, m: &mut Map<'_>);
}

impl<F: FnOnce(&mut Map<'_>)> Entries for MapOf<F> {
    #[inline(always)]
    fn add_to(self, m: &mut Map<'_>) {
        (self.0)(m);
    }
}

impl<F: FnOnce(&mut Map<'_>)> Emit for MapOf<F> {
    #[inline(always)]
    fn emit(self, slot: Slot<'_>) {
        let mut m = Map::open(slot);
        (self.0)(&mut m);
        m.close();
    }
}

impl<F: FnOnce(&mut Seq<'_>)> Emit for SeqOf<F> {
    #[inline(always)]
    fn emit(self, slot: Slot<'_>) {
        let mut s = Seq::open(slot);
        (self.0)(&mut s);
        s.close();
    }
}

impl<I: IntoIterator<Item: Emit>> Emit for Each<I> {
    #[inline(always)]
    fn emit(self, slot: Slot<'_>) {
        let mut s = Seq::open(slot);
        for item in self.0 {
            s.item(item);
        }
        s.close();
    }
}

impl<T: Emit> Emit for Option<T> {
    #[inline(always)]
    fn emit(self, slot: Slot<'_>) {
        if let Some(v) = self {
            v.emit(slot);
        }
    }
    #[inline(always)]
    fn absent(&self) -> bool {
        self.is_none()
    }
}

impl Emit for &Text {
    #[inline(always)]
    fn emit(self, slot: Slot<'_>) {
        slot.scalar(Scalar::Text(self, Some(classify(self))));
    }
}

impl Emit for Text {
    #[inline(always)]
    fn emit(self, slot: Slot<'_>) {
        (&self).emit(slot);
    }
}

impl Emit for &'static str {
    #[inline(always)]
    fn emit(self, slot: Slot<'_>) {
        Text::Static(self).emit(slot);
    }
}

impl Emit for &String {
    #[inline(always)]
    fn emit(self, slot: Slot<'_>) {
        slot.scalar(Scalar::Text(self, None));
    }
}

impl Emit for String {
    #[inline(always)]
    fn emit(self, slot: Slot<'_>) {
        (&self).emit(slot);
    }
}

impl Emit for bool {
    #[inline(always)]
    fn emit(self, slot: Slot<'_>) {
        slot.scalar(Scalar::Bool(self));
    }
}

impl Emit for i64 {
    #[inline(always)]
    fn emit(self, slot: Slot<'_>) {
        slot.scalar(Scalar::Int(self));
    }
}

/// A tree is written by walking it: the values files, which are merged and diffed as trees, and
/// the few pieces built before their place in the output is known.
impl Emit for &Y {
    fn emit(self, slot: Slot<'_>) {
        match self {
            Y::Map(entries) => {
                let mut m = Map::open(slot);
                for (k, v) in entries {
                    m.key(k);
                    v.emit(Slot {
                        out: m.out,
                        ind: m.ind,
                        at: At::Key,
                    });
                }
                m.close();
            }
            Y::Seq(items) => {
                let mut s = Seq::open(slot);
                for item in items {
                    s.item(item);
                }
                s.close();
            }
            Y::Null => slot.scalar(Scalar::Null),
            Y::Bool(b) => slot.scalar(Scalar::Bool(*b)),
            Y::Int(n) => slot.scalar(Scalar::Int(*n)),
            Y::Num(n) => slot.scalar(Scalar::Num(n)),
            Y::Str(t) => t.emit(slot),
        }
    }
}
