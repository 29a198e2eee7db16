//! SML frames from a UART on a bare-metal Cortex-M4F: the core crate's [`SmlReader`] pulls
//! bytes from any `embedded_io::Read` (here a stand-in UART that hands out a real capture in
//! FIFO-sized reads) and decodes each frame as it completes, into a fixed 1 KiB frame buffer;
//! the heap holds only the readings of one frame.
//!
//! Build: `cargo build --release --target thumbv7em-none-eabihf` in this folder (or
//! `cargo xtask test`, which builds it).

#![no_std]
#![no_main]

extern crate alloc;

use core::mem::MaybeUninit;
use cortex_m_rt::entry;
use embedded_alloc::LlffHeap as Heap;
use panic_halt as _;
use wattwaechter::obis::Obis;
use wattwaechter::sml::buffer::ArrayBuf;
use wattwaechter::sml::stream::{SmlReader, SmlStream};
use wattwaechter::sml::{DecodeOptions, ReadingValue, Status};

#[global_allocator]
static HEAP: Heap = Heap::empty();

/// A UART stand-in: a real EMH eHZ capture, handed out 16 bytes per read as a UART driver's
/// receive FIFO would.
struct Uart {
    data: &'static [u8],
    at: usize,
}

impl embedded_io::ErrorType for Uart {
    type Error = core::convert::Infallible;
}

impl embedded_io::Read for Uart {
    fn read(&mut self, buf: &mut [u8]) -> Result<usize, Self::Error> {
        let n = buf.len().min(16).min(self.data.len() - self.at);
        buf[..n].copy_from_slice(&self.data[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// What the firmware keeps of the meter: the last power reading (W × 10) and the frame count.
static mut LAST_POWER_DECIWATT: i64 = 0;

#[entry]
fn main() -> ! {
    const HEAP_SIZE: usize = 16 * 1024;
    static mut HEAP_MEMORY: [MaybeUninit<u8>; HEAP_SIZE] = [MaybeUninit::uninit(); HEAP_SIZE];
    // SAFETY: called once, before anything allocates; the memory is used by the heap only.
    unsafe { HEAP.init(core::ptr::addr_of_mut!(HEAP_MEMORY) as usize, HEAP_SIZE) };

    let uart = Uart {
        data: include_bytes!("../../../tests/fixtures/sml/EMH_eHZ361L5R.bin"),
        at: 0,
    };
    let stream = SmlStream::with_buffer(ArrayBuf::<1024>::new(), DecodeOptions::default());
    let mut reader: SmlReader<_, _, 64> = SmlReader::new(uart, stream);
    let mut intact = 0u32;
    while let Ok(Some(frame)) = reader.next_frame() {
        if frame.status != Status::Ok {
            continue;
        }
        intact += 1;
        for reading in &frame.readings {
            if reading.obis == Some(Obis::POWER) {
                if let ReadingValue::Number { raw, .. } = reading.value {
                    // SAFETY: single-threaded; no interrupt touches it.
                    unsafe { LAST_POWER_DECIWATT = raw as i64 };
                }
            }
        }
    }
    cortex_m::asm::bkpt();
    let _ = intact;
    loop {
        cortex_m::asm::wfi();
    }
}
