//! Reader-level tests for .docx, .html and .xlsx: cell texts, merged cells,
//! spans, limits and damaged files.

use nianbao_core::document::{Block, Cell, Document, InputKind, Table};
use nianbao_core::read::{self, Limits, ReadErrorKind};
use nianbao_tests::fixture;

fn read_fixture(path: &str) -> Document {
    let bytes = fixture(path);
    read::read(path, &bytes, &Limits::default())
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn dump(doc: &Document) -> String {
    let mut s = String::new();
    for b in &doc.blocks {
        match b {
            Block::Paragraph(p) => s.push_str(&format!("P {:?}\n", doc.slice(p.span))),
            Block::Table(t) => {
                s.push_str("TABLE\n");
                for row in &t.rows {
                    let cells: Vec<String> = row.iter().map(|c| {
                        let mut x = format!("{:?}", c.text);
                        if c.col_span > 1 { x += &format!(" c{}", c.col_span); }
                        if c.row_span > 1 { x += &format!(" r{}", c.row_span); }
                        if c.continuation { x = format!("^{}", c.col_span); }
                        x
                    }).collect();
                    s.push_str(&format!("  | {}\n", cells.join(" | ")));
                }
            }
        }
    }
    s
}

#[test]
#[ignore]
fn print_fixture() {
    let path = std::env::var("FIXTURE").unwrap();
    let doc = read_fixture(&path);
    println!("{:?}\n{}", doc.input, dump(&doc));
}
