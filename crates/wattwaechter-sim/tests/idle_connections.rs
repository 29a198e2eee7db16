//! Idle connections: a client that opens connections and sends nothing used to hold
//! them for good; once they exhausted the simulator's file descriptors, every other client
//! waited until they closed. Now a connection that does not send a request's headers within
//! `HEADER_READ_TIMEOUT` is closed.
//!
//! The simulator runs as a process of its own with a small descriptor limit (`prlimit`, from
//! util-linux), so that the attack needs few connections.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use wattwaechter_sim::serve::HEADER_READ_TIMEOUT;

struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn get_alive(port: u16, timeout: Duration) -> std::io::Result<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port))?;
    s.set_read_timeout(Some(timeout))?;
    s.write_all(b"GET /api/v1/system/alive HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")?;
    let mut answer = String::new();
    s.read_to_string(&mut answer)?;
    Ok(answer)
}

#[test]
fn idle_connections_are_closed_and_cannot_lock_out_other_clients() {
    let port = free_port();
    let _sim = Killed(
        Command::new("prlimit")
            .arg("--nofile=128:128")
            .arg(env!("CARGO_BIN_EXE_wattwaechter-sim"))
            .args(["--port", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("prlimit (util-linux) starts the simulator"),
    );
    let started = Instant::now();
    while get_alive(port, Duration::from_secs(2)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the simulator started"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // One and a half times the descriptors the simulator has, each sending nothing.
    let idle: Vec<TcpStream> = (0..192)
        .map(|_| TcpStream::connect(("127.0.0.1", port)).expect("the kernel queues the connection"))
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let t = Instant::now();
    let answer = get_alive(port, HEADER_READ_TIMEOUT * 4).expect("the simulator answers");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    eprintln!("answered after {:?}", t.elapsed());
    // The idle connections ahead of it are closed in waves of ~128, one timeout each.
    assert!(
        t.elapsed() < HEADER_READ_TIMEOUT * 4,
        "answered after {:?}, behind {} idle connections",
        t.elapsed(),
        idle.len()
    );
    // The first idle connection was closed by the server (end of stream, no answer).
    let mut first = &idle[0];
    first
        .set_read_timeout(Some(Duration::from_secs(1)))
        .unwrap();
    let mut buf = [0u8; 64];
    assert_eq!(first.read(&mut buf).unwrap_or(0), 0, "closed by the server");
}
