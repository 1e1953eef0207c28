// check-snippets host for the Rust http crate: each snippet builds a Response in a function of its own,
// and a std TcpListener writes it on the wire.
use std::error::Error;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};

@@FUNCTIONS@@

fn response_answer(response: http::Response<()>) -> String {
    let status = response.status();
    let mut head = format!(
        "HTTP/1.1 {} {}\r\n",
        status.as_u16(),
        status.canonical_reason().unwrap_or("")
    );
    for (name, value) in response.headers() {
        head += &format!("{}: {}\r\n", name, value.to_str().unwrap_or(""));
    }
    let bodiless = status.is_informational() || status.as_u16() == 204 || status.as_u16() == 304;
    if !bodiless {
        head += "content-length: 0\r\n";
    }
    head + "connection: close\r\n\r\n"
}

// A response with content (206's bytes): its length is the content's.
fn body_answer(response: http::Response<&str>) -> String {
    let status = response.status();
    let mut head = format!(
        "HTTP/1.1 {} {}\r\n",
        status.as_u16(),
        status.canonical_reason().unwrap_or("")
    );
    for (name, value) in response.headers() {
        head += &format!("{}: {}\r\n", name, value.to_str().unwrap_or(""));
    }
    let body = *response.body();
    head + &format!("content-length: {}\r\nconnection: close\r\n\r\n{}", body.len(), body)
}

// An interim status cannot be a response here: the snippet hands the value to the check.
fn status_answer(status: http::StatusCode) -> String {
    let body = format!("{} {}", status.as_u16(), status.is_informational());
    format!("HTTP/1.1 200 OK\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{}", body.len(), body)
}

fn answer(path: &str) -> Result<String, Box<dyn Error>> {
    let code: u16 = path.trim_start_matches('/').parse()?;
    Ok(match code {
@@ARMS@@
        _ => "HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n".to_string(),
    })
}

fn handle(mut stream: TcpStream) -> Result<(), Box<dyn Error>> {
    let mut line = String::new();
    let mut reader = BufReader::new(stream.try_clone()?);
    reader.read_line(&mut line)?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? <= 2 {
            break;
        }
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let text = match answer(&path) {
        Ok(text) => text,
        Err(error) => format!("HTTP/1.1 500 Internal Server Error\r\nx-error: {}\r\ncontent-length: 0\r\n\r\n", error),
    };
    stream.write_all(text.as_bytes())?;
    Ok(())
}

fn main() -> Result<(), Box<dyn Error>> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    println!("PORT {}", listener.local_addr()?.port());
    for stream in listener.incoming() {
        if let Err(error) = handle(stream?) {
            eprintln!("snippets: {}", error);
        }
    }
    Ok(())
}
