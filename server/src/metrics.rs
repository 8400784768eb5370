//! Prometheus metrics: request counts by route and status, latency histograms by
//! route, database pool use. Routes are the matched patterns, never raw paths, so
//! the number of series stays bounded whatever people type.

use app::platform::db::Db;
use axum::body::Body;
use axum::extract::{MatchedPath, State};
use axum::http::{header, Request};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 11] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

#[derive(Default)]
struct Latency {
    buckets: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

#[derive(Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<(String, String, u16), u64>>,
    latency: Mutex<BTreeMap<(String, String), Latency>>,
}

impl Metrics {
    pub fn record(&self, method: &str, route: &str, status: u16, seconds: f64) {
        if let Ok(mut requests) = self.requests.lock() {
            *requests
                .entry((method.to_owned(), route.to_owned(), status))
                .or_default() += 1;
        }
        if let Ok(mut latency) = self.latency.lock() {
            let series = latency
                .entry((method.to_owned(), route.to_owned()))
                .or_default();
            series.count += 1;
            series.sum += seconds;
            for (bucket, bound) in series.buckets.iter_mut().zip(BUCKETS) {
                if seconds <= bound {
                    *bucket += 1;
                }
            }
        }
    }

    pub fn render_text(&self, pool_size: u32, pool_idle: usize, pool_max: u32) -> String {
        let mut out = String::new();
        out.push_str(
            "# HELP sikap_http_requests_total HTTP requests by method, route and status.\n",
        );
        out.push_str("# TYPE sikap_http_requests_total counter\n");
        if let Ok(requests) = self.requests.lock() {
            for ((method, route, status), count) in requests.iter() {
                let _ = writeln!(
                    out,
                    "sikap_http_requests_total{{method=\"{method}\",route=\"{}\",status=\"{status}\"}} {count}",
                    escape(route)
                );
            }
        }
        out.push_str(
            "# HELP sikap_http_request_duration_seconds Time to produce the response head.\n",
        );
        out.push_str("# TYPE sikap_http_request_duration_seconds histogram\n");
        if let Ok(latency) = self.latency.lock() {
            for ((method, route), series) in latency.iter() {
                let labels = format!("method=\"{method}\",route=\"{}\"", escape(route));
                for (bucket, bound) in series.buckets.iter().zip(BUCKETS) {
                    let _ = writeln!(out, "sikap_http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {bucket}");
                }
                let _ = writeln!(
                    out,
                    "sikap_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}",
                    series.count
                );
                let _ = writeln!(
                    out,
                    "sikap_http_request_duration_seconds_sum{{{labels}}} {:.6}",
                    series.sum
                );
                let _ = writeln!(
                    out,
                    "sikap_http_request_duration_seconds_count{{{labels}}} {}",
                    series.count
                );
            }
        }
        let in_use = (pool_size as usize).saturating_sub(pool_idle);
        out.push_str("# HELP sikap_db_pool_connections Database pool connections by state.\n");
        out.push_str("# TYPE sikap_db_pool_connections gauge\n");
        let _ = writeln!(
            out,
            "sikap_db_pool_connections{{state=\"idle\"}} {pool_idle}"
        );
        let _ = writeln!(
            out,
            "sikap_db_pool_connections{{state=\"in_use\"}} {in_use}"
        );
        out.push_str("# HELP sikap_db_pool_max_connections Configured pool size (database.max_connections).\n");
        out.push_str("# TYPE sikap_db_pool_max_connections gauge\n");
        let _ = writeln!(out, "sikap_db_pool_max_connections {pool_max}");
        out
    }
}

fn escape(label: &str) -> String {
    label.replace('\\', "\\\\").replace('"', "\\\"")
}

/// The route label: the matched pattern, the server function's path for server
/// functions that exist, and one shared label for everything else (files, 404s).
fn route_label(req: &Request<Body>) -> (String, bool) {
    match req.extensions().get::<MatchedPath>() {
        Some(matched) if matched.as_str().starts_with("/api/") => {
            (req.uri().path().to_owned(), true)
        }
        Some(matched) => (matched.as_str().to_owned(), false),
        None if req.uri().path().starts_with("/pkg/") => ("/pkg/*".to_owned(), false),
        None => ("unmatched".to_owned(), false),
    }
}

pub async fn track(
    State(metrics): State<Arc<Metrics>>,
    req: Request<Body>,
    next: Next,
) -> Response {
    let started = Instant::now();
    let method = req.method().as_str().to_owned();
    let (route, is_server_fn) = route_label(&req);
    let response = next.run(req).await;
    let status = response.status().as_u16();
    let route = if is_server_fn && status == 404 {
        "/api/{*fn_name}".to_owned()
    } else {
        route
    };
    metrics.record(&method, &route, status, started.elapsed().as_secs_f64());
    response
}

pub async fn render(State((metrics, db)): State<(Arc<Metrics>, Db)>) -> Response {
    let (size, idle) = db.pool_usage();
    let max = db.pool().options().get_max_connections();
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        metrics.render_text(size, idle, max),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counters_histograms_and_pool_gauges() {
        let metrics = Metrics::default();
        metrics.record("GET", "/", 200, 0.003);
        metrics.record("GET", "/", 200, 0.2);
        metrics.record("GET", "/", 404, 0.02);
        let text = metrics.render_text(3, 1, 10);
        assert!(
            text.contains("sikap_http_requests_total{method=\"GET\",route=\"/\",status=\"200\"} 2")
        );
        assert!(
            text.contains("sikap_http_requests_total{method=\"GET\",route=\"/\",status=\"404\"} 1")
        );
        assert!(text.contains(
            "sikap_http_request_duration_seconds_bucket{method=\"GET\",route=\"/\",le=\"0.005\"} 1"
        ));
        assert!(text.contains(
            "sikap_http_request_duration_seconds_bucket{method=\"GET\",route=\"/\",le=\"0.25\"} 3"
        ));
        assert!(text
            .contains("sikap_http_request_duration_seconds_count{method=\"GET\",route=\"/\"} 3"));
        assert!(text.contains("sikap_db_pool_connections{state=\"in_use\"} 2"));
        assert!(text.contains("sikap_db_pool_max_connections 10"));
    }
}
