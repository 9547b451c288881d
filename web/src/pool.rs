//! The allocator of the WebAssembly builds: small blocks from lists of free
//! blocks of their size, everything else from a general allocator (`talc`).
//!
//! A check makes some 900 allocations, most of them small (labels, cells,
//! findings, the pieces of the export) and nearly all of them freed when the
//! check ends. The standard library's allocator for wasm32 (dlmalloc) looks at
//! the neighbours of every block it frees, to merge them, and searches its
//! bins for every block it hands out. Here a block of at most [`LARGEST`]
//! bytes (and aligned to at most [`ALIGN`]) is rounded up to a multiple of
//! [`STEP`] bytes; when freed it goes on the list of its size class, and the
//! next request of that class takes it back as it is. Only a class with an
//! empty list asks the general allocator. In Chromium this made the checks of
//! the benchmark 10 to 24 % faster than dlmalloc alone, depending on the kind
//! of file (docs/measurements.md). Under the lists sits `talc` rather than
//! dlmalloc: no slower, and smaller in the page's download ([`LARGE`]).
//!
//! The price: memory that once held small blocks stays with them (it is
//! reused for small blocks of the same class, never merged into larger ones),
//! so at worst the module keeps its peak of small blocks and its peak of large
//! ones side by side. A WebAssembly memory never shrinks anyway, and the
//! limits on what one file may hold (`nianbao_core::read::Limits`) bound both
//! peaks.
//!
//! The lists take no lock: the allocator is installed only where WebAssembly
//! has one thread (wasm32 without the `atomics` feature, see `lib.rs`).
//! Natively it is compiled only for its tests, on a local instance.

use std::alloc::{GlobalAlloc, Layout};

/// Where the blocks that the lists do not hold come from (large blocks, and
/// fresh blocks of a class whose list is empty): talc in the wasm builds, a
/// smaller allocator than the standard library's dlmalloc for wasm32 (about
/// 2 KB less of the page's download, gzipped: docs/dependencies.md); the
/// standard library's natively, where the pool is only tested.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
static LARGE: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
#[cfg(not(all(target_arch = "wasm32", not(target_feature = "atomics"))))]
static LARGE: std::alloc::System = std::alloc::System;
use std::cell::{Cell, UnsafeCell};
use std::ptr::null_mut;

/// The alignment of every pooled block (dlmalloc's own on wasm32 is 8).
pub const ALIGN: usize = 8;
/// The width of a size class.
pub const STEP: usize = 16;
/// The largest block that is pooled.
pub const LARGEST: usize = 1024;
const CLASSES: usize = LARGEST / STEP;

/// Size-class free lists over the standard library's allocator.
pub struct Pool {
    /// The first free block of each class; a free block holds the address of
    /// the next one in its first bytes.
    free: UnsafeCell<[*mut u8; CLASSES]>,
    /// Bytes of small blocks ever asked of the standard library.
    small_fresh: Cell<usize>,
    /// Bytes of large blocks handed out and not yet freed.
    large_live: Cell<usize>,
}

/// The allocator of the wasm builds.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
pub static GLOBAL: Pool = Pool::new();

// SAFETY: there is one thread where the pool is a global allocator.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
unsafe impl Sync for Pool {}

impl Pool {
    pub const fn new() -> Pool {
        Pool {
            free: UnsafeCell::new([null_mut(); CLASSES]),
            small_fresh: Cell::new(0),
            large_live: Cell::new(0),
        }
    }

    /// Bytes of small blocks ever asked of the standard library: it grows
    /// only while the lists run empty, so a workload repeated does not move
    /// it once it has run (unless blocks are lost on the way back).
    pub fn small_fresh_bytes(&self) -> usize {
        self.small_fresh.get()
    }

    /// Bytes of large blocks handed out and not freed yet.
    pub fn large_live_bytes(&self) -> usize {
        self.large_live.get()
    }
}

/// A pool that is dropped (natively, in the tests; a global allocator never
/// is) gives its free blocks back.
impl Drop for Pool {
    fn drop(&mut self) {
        for (c, head) in self.free.get_mut().iter_mut().enumerate() {
            let mut p = std::mem::replace(head, null_mut());
            while !p.is_null() {
                // SAFETY: as in `alloc`: each free block holds the next.
                let next = unsafe { (p as *mut *mut u8).read() };
                unsafe { LARGE.dealloc(p, class_layout(c)) };
                p = next;
            }
        }
    }
}

impl Default for Pool {
    fn default() -> Pool {
        Pool::new()
    }
}

/// The size class of a layout, or `None` for the standard library's allocator.
#[inline]
fn class(layout: Layout) -> Option<usize> {
    let size = layout.size();
    (size != 0 && size <= LARGEST && layout.align() <= ALIGN).then(|| (size - 1) / STEP)
}

/// The layout of every block of class `c`, as asked of the standard library.
#[inline]
fn class_layout(c: usize) -> Layout {
    debug_assert!(c < CLASSES);
    // SAFETY: (c + 1) * STEP is at most LARGEST, far from overflowing when
    // rounded up to ALIGN, a power of two.
    unsafe { Layout::from_size_align_unchecked((c + 1) * STEP, ALIGN) }
}

unsafe impl GlobalAlloc for Pool {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some(c) = class(layout) else {
            let p = unsafe { LARGE.alloc(layout) };
            if !p.is_null() {
                self.large_live.set(self.large_live.get() + layout.size());
            }
            return p;
        };
        // SAFETY: one thread, and nothing here allocates again while the
        // lists are borrowed.
        let free = unsafe { &mut *self.free.get() };
        let head = free[c];
        if head.is_null() {
            self.small_fresh
                .set(self.small_fresh.get() + class_layout(c).size());
            unsafe { LARGE.alloc(class_layout(c)) }
        } else {
            // SAFETY: a block on a list holds the address of the next one; a
            // block is at least STEP bytes and aligned to ALIGN, room and
            // alignment enough for a pointer.
            free[c] = unsafe { (head as *mut *mut u8).read() };
            head
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let Some(c) = class(layout) else {
            self.large_live.set(self.large_live.get() - layout.size());
            return unsafe { LARGE.dealloc(ptr, layout) };
        };
        let free = unsafe { &mut *self.free.get() };
        // SAFETY: the block was handed out for this class (the caller gives
        // back the layout it asked with) and is no longer used.
        unsafe { (ptr as *mut *mut u8).write(free[c]) };
        free[c] = ptr;
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller promises that new_size, rounded up to the
        // alignment, does not overflow.
        let new = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        match (class(layout), class(new)) {
            // The block already has room.
            (Some(a), Some(b)) if a == b => ptr,
            (None, None) => {
                let p = unsafe { LARGE.realloc(ptr, layout, new_size) };
                if !p.is_null() {
                    self.large_live
                        .set(self.large_live.get() - layout.size() + new_size);
                }
                p
            }
            _ => {
                let to = unsafe { self.alloc(new) };
                if !to.is_null() {
                    // SAFETY: two live blocks, each at least as long as what
                    // is copied.
                    unsafe {
                        std::ptr::copy_nonoverlapping(ptr, to, layout.size().min(new_size));
                        self.dealloc(ptr, layout);
                    }
                }
                to
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(size: usize, align: usize) -> Layout {
        Layout::from_size_align(size, align).unwrap()
    }

    #[test]
    fn classes_round_up_to_steps_and_stop_at_the_largest() {
        assert_eq!(class(layout(1, 1)), Some(0));
        assert_eq!(class(layout(16, 8)), Some(0));
        assert_eq!(class(layout(17, 4)), Some(1));
        assert_eq!(class(layout(LARGEST, 8)), Some(CLASSES - 1));
        assert_eq!(class(layout(LARGEST + 1, 1)), None);
        assert_eq!(class(layout(32, 16)), None, "aligned beyond ALIGN");
        assert_eq!(class(layout(0, 1)), None);
    }

    #[test]
    fn a_freed_block_is_handed_out_again_for_its_class_only() {
        let pool = Pool::new();
        unsafe {
            let a = pool.alloc(layout(40, 8));
            assert!(!a.is_null());
            assert_eq!(a as usize % ALIGN, 0);
            pool.dealloc(a, layout(40, 8));
            // 33..=48 bytes is the same class: the same block.
            let b = pool.alloc(layout(48, 4));
            assert_eq!(a, b);
            // Another class does not take it.
            pool.dealloc(b, layout(48, 4));
            let c = pool.alloc(layout(64, 8));
            assert_ne!(a, c);
            let d = pool.alloc(layout(33, 1));
            assert_eq!(a, d);
            pool.dealloc(c, layout(64, 8));
            pool.dealloc(d, layout(33, 1));
        }
    }

    #[test]
    fn the_counts_see_fresh_small_blocks_and_live_large_ones() {
        let pool = Pool::new();
        unsafe {
            let a = pool.alloc(layout(20, 8));
            assert_eq!(pool.small_fresh_bytes(), 32);
            pool.dealloc(a, layout(20, 8));
            let b = pool.alloc(layout(30, 8));
            assert_eq!(pool.small_fresh_bytes(), 32, "taken back from the list");
            let big = pool.alloc(layout(5000, 8));
            assert_eq!(pool.large_live_bytes(), 5000);
            let big = pool.realloc(big, layout(5000, 8), 9000);
            assert_eq!(pool.large_live_bytes(), 9000);
            // From large to small and back through the class lists.
            let small = pool.realloc(big, layout(9000, 8), 100);
            assert_eq!(pool.large_live_bytes(), 0);
            assert_eq!(pool.small_fresh_bytes(), 32 + 112);
            pool.dealloc(small, layout(100, 8));
            pool.dealloc(b, layout(30, 8));
            assert_eq!(pool.large_live_bytes(), 0);
        }
    }

    #[test]
    fn realloc_keeps_the_bytes_across_classes_and_into_large_blocks() {
        let pool = Pool::new();
        unsafe {
            let mut size = 5;
            let mut p = pool.alloc(layout(size, 1));
            for i in 0..size {
                *p.add(i) = i as u8;
            }
            // Grow through small classes, within one, and out to a large
            // block, then shrink back into a small one.
            for next in [9, 16, 100, 1000, 1024, 1025, 5000, 700, 3] {
                let q = pool.realloc(p, layout(size, 1), next);
                assert!(!q.is_null());
                if class(layout(size, 1)) == class(layout(next, 1))
                    && class(layout(next, 1)).is_some()
                {
                    assert_eq!(p, q, "{size} -> {next} stays in its block");
                }
                for i in 0..size.min(next) {
                    assert_eq!(*q.add(i), (i % 251) as u8, "{size} -> {next}, byte {i}");
                }
                for i in size.min(next)..next {
                    *q.add(i) = (i % 251) as u8;
                }
                p = q;
                size = next;
            }
            pool.dealloc(p, layout(size, 1));
        }
    }

    /// Many blocks of many sizes alive at once, freed and reallocated in a
    /// scrambled order: none overlaps another (each keeps the byte it was
    /// filled with), every one is aligned as asked.
    #[test]
    fn live_blocks_never_overlap() {
        let pool = Pool::new();
        let mut live: Vec<(*mut u8, Layout, u8)> = Vec::new();
        let mut seed: u32 = 0x9e37_79b9;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed
        };
        let check = |(p, l, fill): &(*mut u8, Layout, u8)| unsafe {
            for i in 0..l.size() {
                assert_eq!(*p.add(i), *fill);
            }
        };
        for step in 0..20_000u32 {
            let r = next();
            if live.len() < 300 && r % 3 != 0 {
                let size = 1 + (next() as usize % 1500);
                let align = [1, 2, 4, 8, 16][next() as usize % 5];
                let l = layout(size, align);
                let fill = step as u8;
                let p = unsafe { pool.alloc(l) };
                assert!(!p.is_null());
                assert_eq!(p as usize % align, 0);
                unsafe { std::ptr::write_bytes(p, fill, size) };
                live.push((p, l, fill));
            } else if !live.is_empty() {
                let k = next() as usize % live.len();
                check(&live[k]);
                let (p, l, _) = live.swap_remove(k);
                if r % 2 == 0 {
                    unsafe { pool.dealloc(p, l) };
                } else {
                    let size = 1 + (next() as usize % 1500);
                    let q = unsafe { pool.realloc(p, l, size) };
                    let fill = step as u8;
                    unsafe { std::ptr::write_bytes(q, fill, size) };
                    live.push((q, layout(size, l.align()), fill));
                }
            }
        }
        for b in &live {
            check(b);
        }
        for (p, l, _) in live {
            unsafe { pool.dealloc(p, l) };
        }
    }
}
