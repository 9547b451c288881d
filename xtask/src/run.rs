//! Running commands: with a time limit for anything that may wait on the
//! network, without standard input, and timed step by step.

use std::ffi::OsStr;
use std::process::{Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

pub type Result<T> = std::result::Result<T, String>;

pub const MINUTE: Duration = Duration::from_secs(60);

/// A command line as people would type it, for messages.
pub fn show(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for a in cmd.get_args() {
        s.push(' ');
        s.push_str(&a.to_string_lossy());
    }
    s
}

/// Run `cmd` with inherited output and no input; fail when it fails or when it
/// is still running after `limit` (it is then killed).
pub fn run(cmd: &mut Command, limit: Duration) -> Result<()> {
    println!("$ {}", show(cmd));
    cmd.stdin(Stdio::null());
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("cannot start `{}`: {e}", show(cmd)))?;
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => return Err(format!("`{}` failed ({status})", show(cmd))),
            Ok(None) if started.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "`{}` did not finish within {} s and was stopped",
                    show(cmd),
                    limit.as_secs()
                ));
            }
            Ok(None) => sleep(Duration::from_millis(100)),
            Err(e) => return Err(format!("waiting for `{}`: {e}", show(cmd))),
        }
    }
}

/// Run `cmd` quietly and return its standard output, or `None` when it cannot
/// be started, fails, or takes longer than `limit`.
pub fn output(cmd: &mut Command, limit: Duration) -> Option<String> {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if started.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
            Ok(None) => sleep(Duration::from_millis(20)),
            Err(_) => return None,
        }
    }
    let out = child.wait_with_output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The standard output of `program args…` (a quick local query).
pub fn query<S: AsRef<OsStr>>(program: impl AsRef<OsStr>, args: &[S]) -> Option<String> {
    output(Command::new(program).args(args), Duration::from_secs(30))
}

/// Steps with their wall-clock times, printed as they go and summed up at the end.
pub struct Steps {
    started: Instant,
    done: Vec<(String, Duration, bool)>,
}

impl Steps {
    pub fn new() -> Self {
        Steps {
            started: Instant::now(),
            done: Vec::new(),
        }
    }

    pub fn step<T>(&mut self, name: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
        println!("\n==> {name}");
        let t = Instant::now();
        let r = f();
        let took = t.elapsed();
        match &r {
            Ok(_) => println!("==> {name}: done in {:.1} s", took.as_secs_f64()),
            Err(e) => println!("==> {name}: FAILED after {:.1} s: {e}", took.as_secs_f64()),
        }
        self.done.push((name.to_string(), took, r.is_ok()));
        r
    }

    pub fn failed(&self) -> Vec<&str> {
        self.done
            .iter()
            .filter(|(_, _, ok)| !ok)
            .map(|(n, _, _)| n.as_str())
            .collect()
    }

    pub fn print_summary(&self) {
        println!("\nxtask steps (wall clock):");
        for (name, took, ok) in &self.done {
            println!(
                "  {:>7.1} s  {}{}",
                took.as_secs_f64(),
                name,
                if *ok { "" } else { "  (FAILED)" }
            );
        }
        println!("  {:>7.1} s  in all", self.started.elapsed().as_secs_f64());
    }
}
