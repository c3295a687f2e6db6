//! A bounded fuzz run of the share-link decoder: arbitrary text and mutated real links never
//! panic, and links of random choices round-trip.

use composer::link::{MAX_LINK_LEN, decode, encode};
use composer::{presets, sample};
use proptest::prelude::*;

fn real_links() -> Vec<String> {
    let mut v: Vec<String> = presets()
        .iter()
        .map(|p| encode(p.id, &p.choices()))
        .collect();
    v.push(encode("", &sample::random_choices(7, 200)));
    v
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,300}") {
        let _ = decode(&s);
    }

    #[test]
    fn link_alphabet_never_panics(s in "[0-9a-z~_%.A-F-]{0,200}") {
        let _ = decode(&s);
    }

    #[test]
    fn mutated_links_never_panic(i in 0usize..64, cut in 0usize..400, pos in 0usize..400, ch in any::<char>()) {
        let links = real_links();
        let l = &links[i % links.len()];
        let cut = cut.min(l.len());
        let _ = decode(&l[..l.floor_char_boundary(cut)]);
        let mut m: Vec<char> = l.chars().collect();
        if !m.is_empty() {
            let p = pos % m.len();
            m[p] = ch;
        }
        let _ = decode(&m.into_iter().collect::<String>());
    }

    #[test]
    fn random_choices_round_trip(seed in any::<u64>(), hostile in 0u64..300) {
        let c = sample::random_choices(seed, hostile);
        let p = &presets()[(seed % presets().len() as u64) as usize];
        let l = encode(p.id, &c);
        prop_assert!(l.bytes().all(|b| b.is_ascii_alphanumeric() || b"~_.-%".contains(&b)));
        if l.len() <= MAX_LINK_LEN && composer::FIELDS.iter().all(|f| (f.get)(&c).len() <= 1024) {
            let (id, d) = decode(&l).expect("own links decode");
            prop_assert_eq!(id, p.id);
            prop_assert_eq!(d, c);
        } else {
            prop_assert!(decode(&l).is_err() || l.len() <= MAX_LINK_LEN);
        }
    }
}

#[test]
fn three_edits_stay_short() {
    for p in presets() {
        let mut c = p.choices();
        c.sizing.executor_memory = "6Gi".into();
        c.sizing.executor_max = 37;
        c.identity.namespace = "team-analytics".into();
        let l = encode(p.id, &c);
        assert!(l.len() <= 200, "{}: {} chars", p.id, l.len());
    }
}
