//! A tiny static file server for `dist/` on 127.0.0.1 (std::net, one thread per connection).
//!
//! Good enough for the tests and the benchmark: GET/HEAD only, `Connection: close`,
//! correct MIME types (`application/wasm` matters for streaming compilation).

use std::fs;
use std::io::{BufRead, BufReader, ErrorKind, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::thread;
use std::time::Duration;

use crate::error::{Context, Result};

/// Serves `root` on a free port of 127.0.0.1 from a background thread that lives
/// as long as the xtask process. Returns the base URL, ending in `/`.
pub fn serve_in_background(root: &Path) -> Result<String> {
    let listener = TcpListener::bind("127.0.0.1:0").context(|| "binding 127.0.0.1:0".into())?;
    let addr: SocketAddr = listener
        .local_addr()
        .context(|| "reading the server's address".into())?;
    let served = root.to_path_buf();
    thread::spawn(move || accept_loop(&listener, &served));
    let url = format!("http://{addr}/");
    println!("serving {} at {url}", root.display());
    Ok(url)
}

fn accept_loop(listener: &TcpListener, root: &Path) {
    for stream in listener.incoming().flatten() {
        let root = root.to_path_buf();
        thread::spawn(move || {
            match handle(stream, &root) {
                // The browser cancelled a request (navigation, preload), or opened a connection
                // it never used (a speculative preconnect, closed by the read timeout): not a
                // problem.
                Err(e)
                    if matches!(
                        e.kind(),
                        ErrorKind::BrokenPipe
                            | ErrorKind::ConnectionReset
                            | ErrorKind::WouldBlock
                            | ErrorKind::TimedOut
                    ) => {}
                Err(e) => eprintln!("static server: {e}"),
                Ok(()) => {}
            }
        });
    }
}

fn handle(stream: TcpStream, root: &Path) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    skip_headers(&mut reader)?;
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let response = match method {
        "GET" | "HEAD" => respond(root, target),
        _ => Response::status(405, "Method Not Allowed"),
    };
    response.write_to(stream, method == "HEAD")
}

fn skip_headers(reader: &mut impl BufRead) -> std::io::Result<()> {
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 || line.trim().is_empty() {
            return Ok(());
        }
    }
}

struct Response {
    code: u16,
    reason: &'static str,
    content_type: &'static str,
    body: Vec<u8>,
}

impl Response {
    fn status(code: u16, reason: &'static str) -> Self {
        Self {
            code,
            reason,
            content_type: "text/plain; charset=utf-8",
            body: reason.as_bytes().to_vec(),
        }
    }

    fn write_to(self, mut stream: TcpStream, head_only: bool) -> std::io::Result<()> {
        let header = format!(
            "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\n\
             Cache-Control: no-store\r\nConnection: close\r\n\r\n",
            self.code,
            self.reason,
            self.content_type,
            self.body.len()
        );
        stream.write_all(header.as_bytes())?;
        if !head_only {
            stream.write_all(&self.body)?;
        }
        stream.flush()
    }
}

/// Where the end-to-end tests find the playground mounted in a sub-folder.
pub const SUB_PATH: &str = "/docs/live-demo";

fn respond(root: &Path, target: &str) -> Response {
    let Some(path) = resolve(root, target) else {
        return Response::status(400, "Bad Request");
    };
    match fs::read(&path) {
        Ok(body) => Response {
            code: 200,
            reason: "OK",
            content_type: mime_type(&path),
            body,
        },
        Err(_) => Response::status(404, "Not Found"),
    }
}

/// Maps a request target to a file under `root`; `None` for anything that
/// would leave it. Directories map to their `index.html`.
fn resolve(root: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    // The same files are also served under a sub-path, as a host that mounts the playground in a
    // folder of its site would: the end-to-end tests check that relative URLs work there.
    let path = path
        .strip_prefix(SUB_PATH)
        .map(|rest| rest.strip_prefix('/').unwrap_or(rest))
        .unwrap_or(path);
    let decoded = percent_decode(path)?;
    let mut file = root.to_path_buf();
    for component in Path::new(decoded.trim_start_matches('/')).components() {
        match component {
            Component::Normal(part) => file.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    Some(file)
}

fn percent_decode(input: &str) -> Option<String> {
    let bytes = input.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn mime_type(path: &Path) -> &'static str {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    match ext.to_ascii_lowercase().as_str() {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wasm_is_served_as_application_wasm() {
        assert_eq!(mime_type(Path::new("a/app-1f2e.wasm")), "application/wasm");
        assert_eq!(
            mime_type(Path::new("app.js")),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(mime_type(Path::new("noext")), "application/octet-stream");
        // A service worker must be served as JavaScript, or the browser refuses to register it.
        assert_eq!(
            mime_type(Path::new("sw.js")),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(
            mime_type(Path::new("manifest.webmanifest")),
            "application/manifest+json"
        );
    }

    #[test]
    fn the_sub_path_serves_the_same_files() {
        let root = Path::new("/srv");
        assert_eq!(
            resolve(root, "/docs/live-demo/app.js"),
            Some(PathBuf::from("/srv/app.js"))
        );
        assert_eq!(resolve(root, "/docs/live-demo/../../etc/passwd"), None);
    }

    #[test]
    fn targets_cannot_escape_the_root() {
        let root = Path::new("/srv/dist");
        assert_eq!(resolve(root, "/../etc/passwd"), None);
        assert_eq!(resolve(root, "/%2e%2e/etc/passwd"), None);
        assert_eq!(
            resolve(root, "/gallery/a%20b.json?x=1"),
            Some(PathBuf::from("/srv/dist/gallery/a b.json"))
        );
    }

    #[test]
    fn broken_percent_escapes_are_rejected() {
        assert_eq!(percent_decode("/a%2"), None);
        assert_eq!(percent_decode("/a%zz"), None);
        assert_eq!(percent_decode("/a%41").as_deref(), Some("/aA"));
    }
}
