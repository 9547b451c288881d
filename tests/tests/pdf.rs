//! The PDF reader: real published PDFs and PDFs made from the seeds.

use nianbao_core::document::{Block, Document};
use nianbao_core::read::{read, Limits};

fn corpus(name: &str) -> Vec<u8> {
    let p = nianbao_tests::shared_dir().join("corpus").join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

fn dump(doc: &Document) -> String {
    let mut s = String::new();
    for b in &doc.blocks {
        match b {
            Block::Paragraph(p) => s.push_str(&format!("P {}\n", doc.slice(p.span))),
            Block::Table(t) => {
                s.push_str("TABLE\n");
                for r in &t.rows {
                    let cells: Vec<String> = r
                        .iter()
                        .map(|c| if c.continuation { "^".to_string() } else { format!("{}[{}x{}]", c.text.replace('\n', "/"), c.col_span, c.row_span) })
                        .collect();
                    s.push_str(&format!("  | {}\n", cells.join(" | ")));
                }
            }
        }
    }
    s
}

#[test]
#[ignore]
fn dump_huaian() {
    let doc = read("huaian-city-2024.pdf", &corpus("huaian-city-2024.pdf"), &Limits::default()).unwrap();
    println!("{}", dump(&doc));
}

#[test]
#[ignore]
fn dump_fixture() {
    let name = std::env::var("PDF").unwrap_or_else(|_| "seed-000.pdf".into());
    let doc = read(&name, &nianbao_tests::fixture(&format!("pdf/{name}")), &Limits::default()).unwrap();
    println!("{}", dump(&doc));
}
