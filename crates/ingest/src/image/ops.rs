//! Pixel operations for OCR: threshold, skew estimate and rotation, ruling lines found by
//! run lengths, ruling removal, crops and the ink test of a box.
//!
//! All coordinates are pixels, origin top-left. Everything is linear in the pixel count.

use super::Gray;

/// Otsu's threshold of the grey histogram: values at or below it are ink.
pub fn otsu(img: &Gray) -> u8 {
    let mut hist = [0u64; 256];
    for &v in &img.data {
        hist[v as usize] += 1;
    }
    let total = img.data.len() as f64;
    let sum: f64 = hist
        .iter()
        .enumerate()
        .map(|(i, &n)| i as f64 * n as f64)
        .sum();
    let (mut w0, mut sum0, mut best, mut best_t) = (0.0, 0.0, -1.0, 128u8);
    for (t, &n) in hist.iter().enumerate() {
        w0 += n as f64;
        sum0 += t as f64 * n as f64;
        let w1 = total - w0;
        if w0 == 0.0 || w1 == 0.0 {
            continue;
        }
        let (m0, m1) = (sum0 / w0, (sum - sum0) / w1);
        let between = w0 * w1 * (m0 - m1) * (m0 - m1);
        if between > best {
            best = between;
            best_t = t as u8;
        }
    }
    best_t
}

/// The grey of a shaded band (a table's tinted heading rows) lighter than ink and darker than
/// the paper, when one covers at least 1 % of the image: the most frequent level between
/// `ink` + 20 and the paper's level − 15. Rulings must be looked for darker than it, or the band
/// comes out as a stack of rulings.
pub fn shade_level(img: &Gray, ink: u8) -> Option<u8> {
    let mut hist = [0u64; 256];
    for &v in &img.data {
        hist[v as usize] += 1;
    }
    let from = ink as usize + 1;
    let paper = (from..256).max_by_key(|&v| hist[v])?;
    let lo = ink as usize + 20;
    let hi = paper.checked_sub(15)?;
    if lo > hi {
        return None;
    }
    let shade = (lo..=hi).max_by_key(|&v| hist[v])?;
    (hist[shade] * 100 >= img.data.len() as u64).then_some(shade as u8)
}

/// An ink mask: `true` where the pixel is at or below `threshold`.
pub struct Ink {
    pub width: usize,
    pub height: usize,
    pub on: Vec<bool>,
}

impl Ink {
    pub fn of(img: &Gray, threshold: u8) -> Ink {
        Ink {
            width: img.width as usize,
            height: img.height as usize,
            on: img.data.iter().map(|&v| v <= threshold).collect(),
        }
    }

    fn at(&self, x: usize, y: usize) -> bool {
        self.on[y * self.width + x]
    }

    /// Ink pixels inside a box (clamped to the image).
    pub fn count(&self, x0: usize, y0: usize, x1: usize, y1: usize) -> usize {
        let (x1, y1) = (x1.min(self.width), y1.min(self.height));
        (y0..y1)
            .map(|y| (x0..x1).filter(|&x| self.at(x, y)).count())
            .sum()
    }
}

/// The page's skew in degrees (positive: content turned counter-clockwise), within ±`max`,
/// from the sharpness of the row profile of a reduced ink mask.
pub fn skew_degrees(img: &Gray, threshold: u8, max: f64) -> f64 {
    let step = (img.width as usize / 900).max(1);
    let mut points = Vec::new();
    for y in (0..img.height as usize).step_by(step) {
        for x in (0..img.width as usize).step_by(step) {
            if img.data[y * img.width as usize + x] <= threshold {
                points.push(((x / step) as f64, (y / step) as f64));
            }
        }
    }
    if points.len() < 100 || points.len() > 5_000_000 {
        return 0.0;
    }
    let rows = img.height as usize / step + 1;
    let score = |deg: f64| -> f64 {
        let t = deg.to_radians().tan();
        let margin = (img.width as usize / step) as f64 * max.to_radians().tan() + 2.0;
        let n = rows + 2 * margin as usize + 2;
        let mut profile = vec![0u32; n];
        for &(x, y) in &points {
            // A line turned counter-clockwise by `deg` rises to the right: undo it.
            let yy = y + x * t + margin;
            if yy >= 0.0 && (yy as usize) < n {
                profile[yy as usize] += 1;
            }
        }
        profile.iter().map(|&c| (c as f64) * (c as f64)).sum()
    };
    let mut best = (score(0.0), 0.0);
    let mut deg = -max;
    while deg <= max + 1e-9 {
        let s = score(deg);
        if s > best.0 {
            best = (s, deg);
        }
        deg += 0.1;
    }
    let coarse = best.1;
    let mut fine = coarse - 0.1;
    while fine <= coarse + 0.1 + 1e-9 {
        let s = score(fine);
        if s > best.0 {
            best = (s, fine);
        }
        fine += 0.02;
    }
    best.1
}

/// Whether nearly every pixel is pure black or pure white (a fax or bilevel scan).
pub fn is_bilevel(img: &Gray) -> bool {
    let pure = img.data.iter().filter(|&&v| v == 0 || v == 255).count();
    pure * 100 >= img.data.len() * 98
}

/// A 3 × 3 box blur: softens the staircase edges of a bilevel scan, which Tesseract's line
/// recogniser reads better.
pub fn box_blur(img: &Gray) -> Gray {
    let (w, h) = (img.width as usize, img.height as usize);
    let mut data = img.data.clone();
    if w < 3 || h < 3 {
        return Gray { data, ..*img };
    }
    for y in 1..h - 1 {
        for x in 1..w - 1 {
            let mut sum = 0u32;
            for yy in y - 1..=y + 1 {
                let row = &img.data[yy * w + x - 1..yy * w + x + 2];
                sum += row.iter().map(|&v| v as u32).sum::<u32>();
            }
            data[y * w + x] = (sum / 9) as u8;
        }
    }
    Gray {
        width: img.width,
        height: img.height,
        data,
    }
}

/// Dark and light swapped (`/Decode [1 0]`, `/BlackIs1`).
pub fn invert(img: &mut Gray) {
    img.data.iter_mut().for_each(|v| *v = 255 - *v);
}

/// Rows become columns: pixel (x, y) goes to (y, x).
pub fn transpose(img: &Gray) -> Gray {
    let (w, h) = (img.width as usize, img.height as usize);
    let mut data = vec![255; w * h];
    for (y, row) in img.data.chunks(w).enumerate() {
        for (x, &v) in row.iter().enumerate() {
            data[x * h + y] = v;
        }
    }
    Gray {
        width: img.height,
        height: img.width,
        data,
    }
}

/// Every row reversed (left ↔ right).
pub fn mirror_x(img: &mut Gray) {
    for row in img.data.chunks_mut(img.width.max(1) as usize) {
        row.reverse();
    }
}

/// The rows in reverse order (top ↔ bottom).
pub fn mirror_y(img: &mut Gray) {
    let w = img.width.max(1) as usize;
    let rows: Vec<&[u8]> = img.data.chunks(w).rev().collect();
    img.data = rows.concat();
}

/// The image turned clockwise by `quarters` quarter turns, exactly (no resampling).
pub fn turn_quarters(img: &Gray, quarters: u8) -> Gray {
    match quarters % 4 {
        1 => {
            let mut t = transpose(img);
            mirror_x(&mut t);
            t
        }
        2 => {
            let mut t = img.clone();
            mirror_x(&mut t);
            mirror_y(&mut t);
            t
        }
        3 => {
            let mut t = transpose(img);
            mirror_y(&mut t);
            t
        }
        _ => img.clone(),
    }
}

/// The image turned clockwise by `deg` degrees about its centre (bilinear, white outside).
pub fn rotate(img: &Gray, deg: f64) -> Gray {
    if deg.abs() < 0.01 {
        return img.clone();
    }
    let (w, h) = (img.width as usize, img.height as usize);
    let (s, c) = deg.to_radians().sin_cos();
    let (cx, cy) = (w as f64 / 2.0, h as f64 / 2.0);
    let mut data = vec![255u8; w * h];
    for y in 0..h {
        let dy = y as f64 - cy;
        for x in 0..w {
            let dx = x as f64 - cx;
            // Source of destination (x, y): the inverse turn.
            let sx = c * dx - s * dy + cx;
            let sy = s * dx + c * dy + cy;
            if sx < 0.0 || sy < 0.0 || sx >= (w - 1) as f64 || sy >= (h - 1) as f64 {
                continue;
            }
            let (x0, y0) = (sx as usize, sy as usize);
            let (fx, fy) = (sx - x0 as f64, sy - y0 as f64);
            let p = |xx: usize, yy: usize| img.data[yy * w + xx] as f64;
            let top = p(x0, y0) * (1.0 - fx) + p(x0 + 1, y0) * fx;
            let bottom = p(x0, y0 + 1) * (1.0 - fx) + p(x0 + 1, y0 + 1) * fx;
            data[y * w + x] = (top * (1.0 - fy) + bottom * fy).round() as u8;
        }
    }
    Gray {
        width: img.width,
        height: img.height,
        data,
    }
}

/// A ruling found in the pixels: `along` is its extent along the line, `across` the band of
/// rows (horizontal) or columns (vertical) it covers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub horizontal: bool,
    pub along: (usize, usize),
    pub across: (usize, usize),
}

/// Horizontal and vertical rulings: runs of ink at least `min_h` (`min_v`) long, gaps up to
/// `gap` bridged, merged over neighbouring rows or columns, thinner than `max_thick`.
pub fn rulings(ink: &Ink, min_h: usize, min_v: usize, gap: usize, max_thick: usize) -> Vec<Rule> {
    let mut out = lines(ink, true, min_h.max(2), gap, max_thick);
    out.extend(lines(ink, false, min_v.max(2), gap, max_thick));
    out
}

fn lines(ink: &Ink, horizontal: bool, min_len: usize, gap: usize, max_thick: usize) -> Vec<Rule> {
    let (n_lines, n_along) = if horizontal {
        (ink.height, ink.width)
    } else {
        (ink.width, ink.height)
    };
    let at = |line: usize, pos: usize| {
        if horizontal {
            ink.at(pos, line)
        } else {
            ink.at(line, pos)
        }
    };
    // Open rules: (along, first line, last line).
    let mut open: Vec<Rule> = Vec::new();
    let mut done = Vec::new();
    for line in 0..n_lines {
        let mut runs = Vec::new();
        let mut pos = 0;
        while pos < n_along {
            if !at(line, pos) {
                pos += 1;
                continue;
            }
            let start = pos;
            let mut end = pos;
            let mut p = pos;
            while p < n_along && p <= end + gap + 1 {
                if at(line, p) {
                    end = p;
                }
                p += 1;
            }
            if end + 1 - start >= min_len {
                runs.push((start, end + 1));
            }
            pos = end + 1;
        }
        let mut still_open = Vec::new();
        for mut rule in open.drain(..) {
            if let Some(i) = runs
                .iter()
                .position(|r| r.0 < rule.along.1 && rule.along.0 < r.1)
            {
                let r = runs.remove(i);
                rule.along = (rule.along.0.min(r.0), rule.along.1.max(r.1));
                rule.across.1 = line + 1;
                still_open.push(rule);
            } else {
                done.push(rule);
            }
        }
        for r in runs {
            still_open.push(Rule {
                horizontal,
                along: r,
                across: (line, line + 1),
            });
        }
        open = still_open;
    }
    done.extend(open);
    done.retain(|r| r.across.1 - r.across.0 <= max_thick);
    done
}

/// Paint rulings white (with a pixel of margin) so that OCR does not read them as strokes.
pub fn erase(img: &mut Gray, rules: &[Rule]) {
    let (w, h) = (img.width as usize, img.height as usize);
    for r in rules {
        let a0 = r.along.0.saturating_sub(1);
        let (c0, c1) = (r.across.0.saturating_sub(2), r.across.1 + 2);
        for across in c0..c1 {
            for along in a0..r.along.1 + 1 {
                let (x, y) = if r.horizontal {
                    (along, across)
                } else {
                    (across, along)
                };
                if x < w && y < h {
                    img.data[y * w + x] = 255;
                }
            }
        }
    }
}

/// A copy of a box of the image (clamped).
pub fn crop(img: &Gray, x0: usize, y0: usize, x1: usize, y1: usize) -> Gray {
    let (w, h) = (img.width as usize, img.height as usize);
    let (x1, y1) = (x1.min(w), y1.min(h));
    let (x0, y0) = (x0.min(x1), y0.min(y1));
    let mut data = Vec::with_capacity((x1 - x0) * (y1 - y0));
    for y in y0..y1 {
        data.extend_from_slice(&img.data[y * w + x0..y * w + x1]);
    }
    Gray {
        width: (x1 - x0) as u32,
        height: (y1 - y0) as u32,
        data,
    }
}

/// The image enlarged `factor` times in each direction (bilinear): small print brought to the
/// size Tesseract reads best (a digit about 30 pixels high). A factor at or below 1 (or not a
/// number) gives a copy; the result is at most 8 times the size each way.
pub fn upscale(img: &Gray, factor: f64) -> Gray {
    let f = if factor.is_finite() {
        factor.min(8.0)
    } else {
        1.0
    };
    let (w, h) = (img.width as usize, img.height as usize);
    if f <= 1.0 || w == 0 || h == 0 {
        return img.clone();
    }
    let (nw, nh) = (
        (w as f64 * f).round() as usize,
        (h as f64 * f).round() as usize,
    );
    let mut data = vec![255u8; nw * nh];
    for y in 0..nh {
        // Sample centres: destination pixel y covers source (y + 0.5) / f − 0.5.
        let sy = ((y as f64 + 0.5) / f - 0.5).clamp(0.0, (h - 1) as f64);
        let (y0, fy) = (sy as usize, sy - sy.floor());
        let y1 = (y0 + 1).min(h - 1);
        for x in 0..nw {
            let sx = ((x as f64 + 0.5) / f - 0.5).clamp(0.0, (w - 1) as f64);
            let (x0, fx) = (sx as usize, sx - sx.floor());
            let x1 = (x0 + 1).min(w - 1);
            let p = |xx: usize, yy: usize| img.data[yy * w + xx] as f64;
            let top = p(x0, y0) * (1.0 - fx) + p(x1, y0) * fx;
            let bottom = p(x0, y1) * (1.0 - fx) + p(x1, y1) * fx;
            data[y * nw + x] = (top * (1.0 - fy) + bottom * fy).round() as u8;
        }
    }
    Gray {
        width: nw as u32,
        height: nh as u32,
        data,
    }
}

/// The image made bilevel: black at or below `threshold`, white above.
pub fn binarize(img: &Gray, threshold: u8) -> Gray {
    map_levels(img, |v| if v <= threshold { 0 } else { 255 })
}

/// The image with every grey level mapped by `f`.
fn map_levels(img: &Gray, f: impl Fn(u8) -> u8) -> Gray {
    Gray {
        width: img.width,
        height: img.height,
        data: img.data.iter().map(|&v| f(v)).collect(),
    }
}

/// The image's grey levels stretched linearly so that its darkest pixel becomes 0 and its
/// lightest 255: faint print (a 150 dpi colour scan's grey digits) gets full contrast without
/// a threshold cutting its thin strokes. A flat image is returned as it is.
pub fn stretch(img: &Gray) -> Gray {
    let lo = img.data.iter().copied().min().unwrap_or(0);
    let hi = img.data.iter().copied().max().unwrap_or(255);
    if hi <= lo {
        return img.clone();
    }
    let span = f64::from(hi - lo);
    map_levels(img, |v| (f64::from(v - lo) * 255.0 / span).round() as u8)
}

/// The image without the dust beside its glyphs: the columns holding ink (at or below
/// `threshold`) form runs separated by white columns; runs with less than a quarter of the
/// inkiest run's ink are painted white (a speck beside a lone `1` has 1 pixel, the `1` ten).
/// Digits of one number have comparable ink and all stay.
pub fn drop_specks(img: &Gray, threshold: u8) -> Gray {
    let (w, h) = (img.width as usize, img.height as usize);
    let ink: Vec<usize> = (0..w)
        .map(|x| (0..h).filter(|&y| img.data[y * w + x] <= threshold).count())
        .collect();
    let mut runs: Vec<(usize, usize, usize)> = Vec::new(); // (first, end, ink)
    for (x, &n) in ink.iter().enumerate() {
        match runs.last_mut() {
            Some(r) if n > 0 && r.1 == x => {
                r.1 = x + 1;
                r.2 += n;
            }
            _ if n > 0 => runs.push((x, x + 1, n)),
            _ => {}
        }
    }
    let most = runs.iter().map(|r| r.2).max().unwrap_or(0);
    let mut out = img.clone();
    for &(a, b, n) in &runs {
        if n * 4 < most {
            for y in 0..h {
                for x in a..b {
                    out.data[y * w + x] = 255;
                }
            }
        }
    }
    out
}

/// Copy `src` into `dst` with its top-left corner at `(x, y)` (clipped).
pub fn paste(dst: &mut Gray, src: &Gray, x: usize, y: usize) {
    let (dw, dh) = (dst.width as usize, dst.height as usize);
    for sy in 0..src.height as usize {
        let ty = y + sy;
        if ty >= dh {
            break;
        }
        for sx in 0..src.width as usize {
            let tx = x + sx;
            if tx >= dw {
                break;
            }
            dst.data[ty * dw + tx] = src.data[sy * src.width as usize + sx];
        }
    }
}

/// The bounding box of the ink inside a box, ignoring specks smaller than `min_run` pixels in
/// both directions; `None` when the box holds no real ink.
pub fn ink_box(
    ink: &Ink,
    x0: usize,
    y0: usize,
    x1: usize,
    y1: usize,
    min_pixels: usize,
) -> Option<(usize, usize, usize, usize)> {
    let (x1, y1) = (x1.min(ink.width), y1.min(ink.height));
    let mut rows = Vec::new();
    let mut cols = vec![0usize; x1.saturating_sub(x0)];
    for y in y0..y1 {
        let mut n = 0;
        for x in x0..x1 {
            if ink.at(x, y) {
                n += 1;
                cols[x - x0] += 1;
            }
        }
        rows.push(n);
    }
    let total: usize = rows.iter().sum();
    if total < min_pixels {
        return None;
    }
    // Rows and columns with more than a speck's worth of ink.
    let ry: Vec<usize> = (0..rows.len()).filter(|&i| rows[i] >= 2).collect();
    let rx: Vec<usize> = (0..cols.len()).filter(|&i| cols[i] >= 2).collect();
    let (&ya, &yb) = (ry.first()?, ry.last()?);
    let (&xa, &xb) = (rx.first()?, rx.last()?);
    Some((x0 + xa, y0 + ya, x0 + xb + 1, y0 + yb + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(w: u32, h: u32) -> Gray {
        Gray::white(w, h).unwrap()
    }

    #[test]
    fn quarter_turns_are_exact_and_four_make_a_whole_turn() {
        // 1 2 3
        // 4 5 6
        let img = Gray {
            width: 3,
            height: 2,
            data: vec![1, 2, 3, 4, 5, 6],
        };
        assert_eq!(transpose(&img).data, vec![1, 4, 2, 5, 3, 6]);
        // Clockwise: the left column (4 over 1 read upwards) becomes the top row.
        let cw = turn_quarters(&img, 1);
        assert_eq!(
            (cw.width, cw.height, cw.data.clone()),
            (2, 3, vec![4, 1, 5, 2, 6, 3])
        );
        assert_eq!(turn_quarters(&img, 2).data, vec![6, 5, 4, 3, 2, 1]);
        assert_eq!(turn_quarters(&img, 3).data, vec![3, 6, 2, 5, 1, 4]);
        let mut back = img.clone();
        for _ in 0..4 {
            back = turn_quarters(&back, 1);
        }
        assert_eq!(back, img);
    }

    #[test]
    fn specks_beside_a_glyph_are_dropped() {
        // A lone `1` (column 1, five pixels) and a one-pixel speck in column 4.
        let mut img = Gray {
            width: 5,
            height: 5,
            data: vec![250; 25],
        };
        for y in 0..5 {
            img.data[y * 5 + 1] = 90;
        }
        img.data[2 * 5 + 4] = 90;
        let clean = drop_specks(&img, 150);
        assert_eq!(clean.data[2 * 5 + 4], 255);
        assert!((0..5).all(|y| clean.data[y * 5 + 1] == 90));
    }

    #[test]
    fn stretch_gives_faint_print_full_contrast() {
        let img = Gray {
            width: 3,
            height: 1,
            data: vec![120, 180, 240],
        };
        assert_eq!(stretch(&img).data, vec![0, 128, 255]);
        let flat = Gray {
            width: 2,
            height: 1,
            data: vec![200, 200],
        };
        assert_eq!(stretch(&flat).data, vec![200, 200]);
    }

    #[test]
    fn finds_a_box_of_rulings() {
        let mut img = page(200, 100);
        for x in 10..190 {
            img.data[20 * 200 + x] = 0;
            img.data[80 * 200 + x] = 0;
        }
        for y in 20..81 {
            img.data[y * 200 + 10] = 0;
            img.data[y * 200 + 189] = 0;
        }
        let ink = Ink::of(&img, 128);
        let rules = rulings(&ink, 40, 40, 2, 6);
        assert_eq!(rules.iter().filter(|r| r.horizontal).count(), 2);
        assert_eq!(rules.iter().filter(|r| !r.horizontal).count(), 2);
    }

    #[test]
    fn skew_is_measured() {
        let mut img = page(600, 400);
        for k in 0..10 {
            for x in 50..550 {
                let y = 50 + k * 30 + (x as f64 * 1.5f64.to_radians().tan()) as usize;
                img.data[y * 600 + x] = 0;
            }
        }
        let deg = skew_degrees(&img, 128, 3.0);
        // Lines fall to the right: the content is turned clockwise by 1.5°.
        assert!((deg + 1.5).abs() < 0.15, "{deg}");
        let upright = rotate(&img, -deg);
        let after = skew_degrees(&upright, 128, 3.0);
        assert!(after.abs() < 0.15, "{after}");
    }
}
