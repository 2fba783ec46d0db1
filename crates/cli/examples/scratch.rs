fn main() {
    let path = std::env::args().nth(1).unwrap();
    let truth = std::env::args().nth(2);
    let bytes = std::fs::read(&path).unwrap();
    let doc = match xxgk_ingest::ingest(&bytes, &path) {
        Ok(d) => d,
        Err(e) => {
            println!("{e}");
            return;
        }
    };
    let r = xxgk_parser::parse(&doc, &path, &path);
    println!(
        "{:?} {:?} {:?} {:?} {} single_other={}",
        r.status, r.meta.agency, r.meta.year, r.meta.template, r.message, r.single_other
    );
    if let Some(t) = truth {
        let t: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(t).unwrap()).unwrap();
        let mut ok = 0;
        let mut n = 0;
        for (k, v) in t["cells"].as_object().unwrap() {
            n += 1;
            let c = r.cell(k);
            let want = xxgk_model::text::classify_value(v.as_str().unwrap()).unwrap();
            if c.map(|c| (c.flag, c.value.clone())) == Some(want.clone()) {
                ok += 1
            } else {
                println!(
                    "  {k}: want {want:?} got {:?}",
                    c.map(|c| (c.flag, &c.value, &c.raw))
                );
            }
        }
        println!("{ok}/{n}");
    }
}
