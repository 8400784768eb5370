//! Load test of live feedback: 1,000 signed-in people (distinct accounts), each
//! following their own evaluation thread over server-sent events, spread over two
//! SIKAP servers (`sikap serve`, separate processes) sharing one PostgreSQL
//! database; messages are posted at a fixed rate, each through the *other*
//! server than the one its reader is connected to, so every delivery crosses
//! instances (LISTEN/NOTIFY). Prints delivery latency (from sending the post to
//! the event's arrival) p50/p99/max, messages lost and duplicated (must be 0),
//! and the servers' memory per idle connection (VmRSS before and after the
//! connections open).
//!
//! Usage: feedback_load <path to sikap> [connections] [messages per second] [seconds]
//! (database from DATABASE_URL, PostgreSQL; run with `ulimit -n` above the count).

use app::feedback::live::decode_message;
use std::collections::HashMap;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::sync::Mutex;

type Error = Box<dyn std::error::Error + Send + Sync>;

struct Server {
    child: Child,
    addr: String,
}

impl Server {
    fn start(bin: &str, url: &str, port: u16, store: &std::path::Path) -> Result<Self, Error> {
        let addr = format!("127.0.0.1:{port}");
        let child = Command::new(bin)
            .arg("serve")
            .env("SIKAP_DATABASE_URL", url)
            .env("SIKAP_DATABASE_MAX_CONNECTIONS", "20")
            .env("SIKAP_INSTANCE_SITE_ADDR", &addr)
            .env("SIKAP_INSTANCE_PUBLIC_URL", format!("http://{addr}"))
            .env("SIKAP_UPLOADS_STORE_PATH", store)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        Ok(Self { child, addr })
    }

    fn rss_kb(&self) -> u64 {
        std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("VmRSS:"))
                    .and_then(|l| l.split_whitespace().nth(1))
                    .and_then(|n| n.parse().ok())
            })
            .unwrap_or(0)
    }

    async fn ready(&self) -> Result<(), Error> {
        for _ in 0..300 {
            if let Ok((status, _)) = request(&self.addr, "GET /healthz", None, None).await {
                if status == 200 {
                    return Ok(());
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err(format!("server {} did not start", self.addr).into())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP/1.1 request on its own connection: the status and the body.
async fn request(
    addr: &str,
    line: &str,
    cookie: Option<&str>,
    form: Option<&str>,
) -> Result<(u16, String), Error> {
    let mut stream = TcpStream::connect(addr).await?;
    let mut head = format!(
        "{line} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nOrigin: http://{addr}\r\n"
    );
    if let Some(cookie) = cookie {
        head.push_str(&format!("Cookie: sikap_session={cookie}\r\n"));
    }
    if let Some(form) = form {
        head.push_str(&format!(
            "Content-Type: application/x-www-form-urlencoded\r\nAccept: application/json\r\nContent-Length: {}\r\n",
            form.len()
        ));
    }
    head.push_str("\r\n");
    head.push_str(form.unwrap_or(""));
    stream.write_all(head.as_bytes()).await?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await?;
    let status = answer
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Ok((status, answer))
}

/// What the readers saw: per message number, when it arrived (µs since start).
type Seen = Arc<Mutex<HashMap<u64, Vec<u64>>>>;

/// Opens a stream of `subject` as `cookie`: its lines after the headers.
async fn connect(
    addr: &str,
    subject: &str,
    cookie: &str,
) -> Result<tokio::io::Lines<BufReader<tokio::net::tcp::OwnedReadHalf>>, Error> {
    let stream = TcpStream::connect(addr).await?;
    let (reader, mut writer) = stream.into_split();
    writer
        .write_all(
            format!(
                "GET /langsung/umpan-balik?subjek={subject}&sejak=0 HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\nCookie: sikap_session={cookie}\r\n\r\n"
            )
            .as_bytes(),
        )
        .await?;
    // Kept open for the stream's life (dropping it would half-close the socket).
    std::mem::forget(writer);
    let mut lines = BufReader::new(reader).lines();
    let status = lines.next_line().await?.unwrap_or_default();
    if !status.contains(" 200 ") {
        return Err(format!("stream refused: {status}").into());
    }
    while let Some(line) = lines.next_line().await? {
        if line.is_empty() {
            break;
        }
    }
    Ok(lines)
}

/// Follows `subject` as `cookie` and records each message's arrival (once every
/// reader is connected, the barrier opens).
async fn follow(
    addr: String,
    subject: String,
    cookie: String,
    start: Instant,
    seen: Seen,
    open: Arc<tokio::sync::Barrier>,
) -> Result<(), Error> {
    let connected = connect(&addr, &subject, &cookie).await;
    open.wait().await;
    let mut lines = connected.inspect_err(|e| eprintln!("a reader did not connect: {e}"))?;
    // Events; chunk sizes and keep-alive comments are lines of their own.
    while let Some(line) = lines.next_line().await? {
        let Some(data) = line.strip_prefix("data: ") else {
            continue;
        };
        let at = start.elapsed().as_micros() as u64;
        if let Some(number) = decode_message(data)
            .and_then(|m| m.body.strip_prefix('m').map(str::to_owned))
            .and_then(|b| {
                b.split_whitespace()
                    .next()
                    .and_then(|n| n.parse::<u64>().ok())
            })
        {
            seen.lock().await.entry(number).or_default().push(at);
        }
    }
    Ok(())
}

fn percentile(sorted: &[u64], p: f64) -> u64 {
    if sorted.is_empty() {
        return 0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().collect();
    let bin = args
        .get(1)
        .ok_or("usage: feedback_load <path to sikap> [connections] [per second] [seconds]")?
        .clone();
    let connections: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(1000);
    let rate: u64 = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(50);
    let seconds: u64 = args.get(4).and_then(|a| a.parse().ok()).unwrap_or(20);
    let url = std::env::var("DATABASE_URL")
        .map_err(|_| "DATABASE_URL must name a PostgreSQL database")?;
    if !url.starts_with("postgres") {
        return Err("DATABASE_URL must name a PostgreSQL database (two instances share it)".into());
    }
    println!("feedback load on {}: {connections} readers over 2 servers, {rate} messages/s for {seconds} s", server::startup::redact(&url));
    let state = server::startup::demo_instance(&url)
        .await
        .map_err(|e| e.to_string())?;
    let pool = state.db.pool();
    sqlx::query("INSERT INTO performance_years (year, scheme, status, created_at, updated_at) VALUES (2030, 'quarterly', 'open', 0, 0) ON CONFLICT DO NOTHING")
        .execute(pool)
        .await?;
    sqlx::query("INSERT INTO periods (year, kind, number, name, starts_on, ends_on, deadline, status, created_at, updated_at) \
                 VALUES (2030, 'periodic', 1, 'Triwulan I 2030', '2030-01-01', '2030-03-31', '2030-04-10', 'open', 0, 0) ON CONFLICT DO NOTHING")
        .execute(pool)
        .await?;
    let period: i64 = sqlx::query_scalar("SELECT MIN(id) FROM periods WHERE year = 2030")
        .fetch_one(pool)
        .await?;
    // Accounts for everyone (the demo gives only its demo people one); the
    // sessions below are made directly, so no password is ever checked.
    sqlx::query(
        "INSERT INTO accounts (employee_id, password_hash, must_change_password, created_at, updated_at) \
         SELECT id, NULL, 0, 0, 0 FROM employees WHERE active = 1 ON CONFLICT DO NOTHING",
    )
    .execute(pool)
    .await?;
    let people: Vec<i64> =
        sqlx::query_scalar("SELECT employee_id FROM accounts ORDER BY employee_id LIMIT $1")
            .bind(connections as i64)
            .fetch_all(pool)
            .await?;
    if people.len() < connections {
        return Err(format!("only {} accounts in the demo", people.len()).into());
    }
    sqlx::query("UPDATE accounts SET must_change_password = 0")
        .execute(pool)
        .await?;
    let mut cookies = Vec::new();
    {
        let mut tx = state.db.write().await?;
        let now = app::platform::db::now_millis();
        for id in &people {
            cookies.push(
                app::identity::session::create(&mut tx, &state.settings, *id, "127.0.0.1", now)
                    .await?,
            );
        }
        tx.commit().await?;
    }
    let store = std::env::temp_dir().join(format!("sikap-feedback-load-{}", std::process::id()));
    std::fs::create_dir_all(&store)?;
    let base_port = 18000 + (std::process::id() % 1000) as u16 * 2;
    let servers = [
        Server::start(&bin, &url, base_port, &store)?,
        Server::start(&bin, &url, base_port + 1, &store)?,
    ];
    for s in &servers {
        s.ready().await?;
    }
    // Warm: one request each, then memory before the connections.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let before: u64 = servers.iter().map(Server::rss_kb).sum();

    let start = Instant::now();
    let seen: Seen = Arc::default();
    let open = Arc::new(tokio::sync::Barrier::new(connections + 1));
    let opening = Instant::now();
    let mut readers = Vec::new();
    for (i, (id, cookie)) in people.iter().zip(&cookies).enumerate() {
        let addr = servers[i % 2].addr.clone();
        let subject = format!("evaluasi:{id}:{period}");
        readers.push(tokio::spawn(follow(
            addr,
            subject,
            cookie.clone(),
            start,
            seen.clone(),
            open.clone(),
        )));
    }
    open.wait().await;
    let opened = opening.elapsed();
    tokio::time::sleep(Duration::from_secs(2)).await;
    let after: u64 = servers.iter().map(Server::rss_kb).sum();

    // Posts at a fixed rate, each through the other server than its reader's.
    let total = rate * seconds;
    let mut sent_at: HashMap<u64, u64> = HashMap::new();
    let mut posts = Vec::new();
    let interval = Duration::from_micros(1_000_000 / rate.max(1));
    let mut tick = tokio::time::interval(interval);
    for n in 0..total {
        tick.tick().await;
        let i = (n as usize * 7919) % connections;
        let addr = servers[(i + 1) % 2].addr.clone();
        let form = format!(
            "subjek=evaluasi%3A{}%3A{period}&pesan=m{n}+dari+beban",
            people[i]
        );
        let cookie = cookies[i].clone();
        sent_at.insert(n, start.elapsed().as_micros() as u64);
        posts.push(tokio::spawn(async move {
            request(&addr, "POST /api/post_feedback", Some(&cookie), Some(&form)).await
        }));
    }
    let mut refused = 0;
    for post in posts {
        match post.await? {
            Ok((200, _)) => {}
            Ok((status, body)) => {
                refused += 1;
                if refused == 1 {
                    eprintln!(
                        "a post was refused ({status}): {}",
                        body.lines().last().unwrap_or("")
                    );
                }
            }
            Err(error) => {
                refused += 1;
                eprintln!("a post failed: {error}");
            }
        }
    }
    // Let the last deliveries land.
    for _ in 0..50 {
        if seen.lock().await.len() as u64 >= total - refused {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let seen = seen.lock().await;
    let mut latencies: Vec<u64> = Vec::new();
    let mut duplicates = 0;
    for (n, arrivals) in seen.iter() {
        duplicates += arrivals.len().saturating_sub(1);
        if let (Some(sent), Some(first)) = (sent_at.get(n), arrivals.first()) {
            latencies.push(first.saturating_sub(*sent));
        }
    }
    latencies.sort_unstable();
    let lost = total - refused - seen.len() as u64;
    let ms = |us: u64| format!("{:.1} ms", us as f64 / 1000.0);
    println!(
        "connections opened                 {connections} in {} ms",
        opened.as_millis()
    );
    println!(
        "messages posted / refused          {} / {refused}",
        total - refused
    );
    println!(
        "delivery latency p50 / p99 / max   {} / {} / {}",
        ms(percentile(&latencies, 0.5)),
        ms(percentile(&latencies, 0.99)),
        ms(*latencies.last().unwrap_or(&0))
    );
    println!("messages lost / duplicated         {lost} / {duplicates}");
    println!(
        "server memory per idle connection  {:.1} KiB (VmRSS of both servers {} → {} MiB)",
        after.saturating_sub(before) as f64 / connections as f64,
        before / 1024,
        after / 1024
    );
    for r in readers {
        r.abort();
    }
    drop(servers);
    std::fs::remove_dir_all(&store).ok();
    if lost > 0 || duplicates > 0 {
        return Err("messages were lost or duplicated".into());
    }
    Ok(())
}
