//! SKP planning through `build_router`: performance years and periods.

mod support;

use app::organisation::seed::DEMO_PASSWORD;
use axum::http::StatusCode;
use support::{call, demo, log_in, seeded_state};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_opens_a_year_with_its_periods_and_closes_and_reopens_one() {
    let (_guard, state) = seeded_state().await;
    let router = server::build_router(state.clone());
    let demo = demo(&state).await;
    let admin = log_in(&router, &demo.admin.1, DEMO_PASSWORD).await;
    let pegawai = log_in(&router, &demo.pegawai.1, DEMO_PASSWORD).await;

    let opened = call(&router, "admin_open_year", "year=2027", Some(&admin)).await;
    assert_eq!(opened.status, StatusCode::OK, "{}", opened.body);
    let again = call(&router, "admin_open_year", "year=2027", Some(&admin)).await;
    assert_eq!(again.error_message(), "Tahun kinerja 2027 sudah dibuka.");
    let silly = call(&router, "admin_open_year", "year=1890", Some(&admin)).await;
    assert_eq!(silly.status, StatusCode::BAD_REQUEST);

    // Everyone signed in reads the periods: four quarters, then the annual evaluation.
    let years = call(&router, "list_performance_years", "", Some(&pegawai))
        .await
        .json();
    let periods = years[0]["periods"].as_array().unwrap();
    let names: Vec<&str> = periods
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Triwulan I 2027",
            "Triwulan II 2027",
            "Triwulan III 2027",
            "Triwulan IV 2027",
            "Penilaian Tahunan 2027"
        ]
    );
    let q1 = periods
        .iter()
        .find(|p| p["name"] == "Triwulan I 2027")
        .unwrap();
    assert_eq!(
        (q1["ends_on"].as_str(), q1["deadline"].as_str()),
        (Some("2027-03-31"), Some("2027-04-10"))
    );
    let id = q1["id"].as_i64().unwrap();

    // Close, then reopen: both audited; a pegawai may do neither.
    assert_eq!(
        call(
            &router,
            "admin_set_period_open",
            &format!("period_id={id}&open=false"),
            Some(&pegawai)
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        call(
            &router,
            "admin_set_period_open",
            &format!("period_id={id}&open=false"),
            Some(&admin)
        )
        .await
        .status,
        StatusCode::OK
    );
    assert_eq!(
        call(
            &router,
            "admin_set_period_open",
            &format!("period_id={id}&open=true"),
            Some(&admin)
        )
        .await
        .status,
        StatusCode::OK
    );
    let actions: Vec<String> = sqlx::query_scalar("SELECT action FROM audit_log ORDER BY id")
        .fetch_all(state.db.pool())
        .await
        .unwrap();
    assert_eq!(actions, ["year.opened", "period.closed", "period.reopened"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_monthly_scheme_from_the_settings_gives_twelve_months() {
    let test_db = support::TestDb::new().await;
    let mut settings = test_db.settings();
    settings.period_scheme = app::platform::config::PeriodScheme::Monthly;
    let state = server::startup::prepare(settings).await.unwrap();
    app::organisation::seed::seed(&state.db, Default::default(), |_| {})
        .await
        .unwrap();
    let router = server::build_router(state.clone());
    let demo = demo(&state).await;
    let admin = log_in(&router, &demo.admin.1, DEMO_PASSWORD).await;
    assert_eq!(
        call(&router, "admin_open_year", "year=2028", Some(&admin))
            .await
            .status,
        StatusCode::OK
    );
    let years = call(&router, "list_performance_years", "", Some(&admin))
        .await
        .json();
    assert_eq!(years[0]["scheme"], "monthly");
    assert_eq!(years[0]["periods"].as_array().unwrap().len(), 13);
    assert!(years[0]["periods"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["name"] == "Februari 2028" && p["ends_on"] == "2028-02-29"));
}
