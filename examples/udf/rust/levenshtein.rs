//! A Quiver UDF ABI v1 guest in Rust, std only (docs/udf-abi.md):
//! levenshtein(a utf8, b utf8) -> int32, the edit distance in Unicode characters.
//!
//! /usr/bin/rustc --edition 2021 --crate-type cdylib -C opt-level=3 -C panic=abort \
//!     --target wasm32-unknown-unknown -o levenshtein.wasm examples/udf/rust/levenshtein.rs
//! node examples/udf/embed-manifest.mjs levenshtein.wasm

use std::alloc::{alloc, dealloc, Layout};
use std::slice;

/// The 32-byte column descriptor.
#[repr(C)]
pub struct Column {
    ty: u32,
    length: u32,
    null_count: i32,
    validity: *mut u8,
    offsets: *const i32,
    data: *mut u8,
    data_len: u32,
    reserved: u32,
}

const MANIFEST: &str = r#"{"abi":"1.0","functions":[{"name":"levenshtein","args":["utf8","utf8"],"ret":"int32"}]}"#;
static mut MANIFEST_REF: [u32; 2] = [0, 0];

#[no_mangle]
pub extern "C" fn qe_udf_abi() -> i32 {
    0x10000
}

#[no_mangle]
pub extern "C" fn qe_udf_manifest() -> *const u32 {
    unsafe {
        MANIFEST_REF = [MANIFEST.as_ptr() as u32, MANIFEST.len() as u32];
        MANIFEST_REF.as_ptr()
    }
}

#[no_mangle]
pub extern "C" fn qe_alloc(size: u32, align: u32) -> *mut u8 {
    match Layout::from_size_align(size.max(1) as usize, align as usize) {
        Ok(layout) => unsafe { alloc(layout) },
        Err(_) => std::ptr::null_mut(),
    }
}

#[no_mangle]
pub extern "C" fn qe_free(ptr: *mut u8, size: u32, align: u32) {
    if let Ok(layout) = Layout::from_size_align(size.max(1) as usize, align as usize) {
        unsafe { dealloc(ptr, layout) }
    }
}

/// Row `i` of a utf8 column (the host guarantees valid UTF-8 and offsets).
fn str_at(c: &Column, i: usize) -> &str {
    unsafe {
        let offsets = slice::from_raw_parts(c.offsets, c.length as usize + 1);
        let start = offsets[i] as usize;
        let bytes = slice::from_raw_parts(c.data.add(start), offsets[i + 1] as usize - start);
        std::str::from_utf8_unchecked(bytes)
    }
}

fn distance(a: &str, b: &str, row: &mut Vec<usize>, b_chars: &mut Vec<char>) -> usize {
    b_chars.clear();
    b_chars.extend(b.chars());
    row.clear();
    row.extend(0..=b_chars.len());
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b_chars.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == *cb { diagonal } else { 1 + diagonal.min(above).min(row[j]) };
            diagonal = above;
        }
    }
    row[b_chars.len()]
}

#[no_mangle]
pub extern "C" fn levenshtein(args: *const Column, _nargs: u32, nrows: u32, out: *mut Column) -> i32 {
    let (a, b, out) = unsafe { (&*args, &*args.add(1), &mut *out) };
    let result = unsafe { slice::from_raw_parts_mut(out.data as *mut i32, nrows as usize) };
    let mut row = Vec::new();
    let mut b_chars = Vec::new();
    for i in 0..nrows as usize {
        result[i] = distance(str_at(a, i), str_at(b, i), &mut row, &mut b_chars) as i32;
    }
    0
}
