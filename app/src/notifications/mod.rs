//! In-app notifications: plan submitted, returned, approved (later: feedback,
//! ratings). Each person reads only their own.

use crate::audit::pages::format_wib;
use crate::components::action_form::ActionForm;
use crate::components::form::SECONDARY_BUTTON_CLASS;
use crate::components::{AccessProblem, Loading, PageHeader};
use crate::error::AppError;
use crate::i18n::{move_tr, tr, I18n};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    pub id: i64,
    pub text: String,
    pub link: Option<String>,
    pub created_at: i64,
    pub read: bool,
}

/// The newest 50 notifications of the caller.
#[server(prefix = "/api", endpoint = "list_notifications")]
pub async fn list_notifications() -> Result<Vec<Notification>, AppError> {
    use sqlx::Row;
    let user = crate::identity::guard::require("list_notifications")?;
    let state = crate::platform::state::app_state()?;
    let rows = sqlx::query(
        "SELECT id, text, link, created_at, read_at FROM notifications WHERE employee_id = $1 \
         ORDER BY id DESC LIMIT 50",
    )
    .bind(user.employee_id())
    .fetch_all(state.db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Notification {
                id: r.try_get(0)?,
                text: r.try_get(1)?,
                link: r.try_get(2)?,
                created_at: r.try_get(3)?,
                read: r.try_get::<Option<i64>, _>(4)?.is_some(),
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(AppError::from)
}

#[server(prefix = "/api", endpoint = "mark_notifications_read")]
pub async fn mark_notifications_read() -> Result<(), AppError> {
    let user = crate::identity::guard::require("mark_notifications_read")?;
    let state = crate::platform::state::app_state()?;
    sqlx::query("UPDATE notifications SET read_at = $1 WHERE employee_id = $2 AND read_at IS NULL")
        .bind(crate::platform::db::now_millis())
        .bind(user.employee_id())
        .execute(state.db.pool())
        .await?;
    crate::identity::guard::redirect_plain_form("/pemberitahuan");
    Ok(())
}

/// `/pemberitahuan`
#[component]
pub fn NotificationsPage() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let mark = ServerAction::<MarkNotificationsRead>::new();
    let list = Resource::new(move || mark.version().get(), |_| list_notifications());
    view! {
        <Title text=tr!(i18n, notifications_title) />
        <PageHeader title=move_tr!(notifications_title)>
            <p>{move_tr!(notifications_lead)}</p>
        </PageHeader>
        <ActionForm action=mark attr:class="mb-4">
            <button type="submit" class=SECONDARY_BUTTON_CLASS data-testid="notifications-read">{move_tr!(notifications_mark_read)}</button>
        </ActionForm>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(items) if items.is_empty() => view! { <p class="text-slate-600">{move_tr!(list_empty)}</p> }.into_any(),
                    Ok(items) => view! {
                        <ul class="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-sm" data-testid="notifications">
                            {items.into_iter().map(|n| view! {
                                <li class=if n.read { "p-3 text-slate-600" } else { "p-3 font-medium text-slate-900" }>
                                    <p>{match n.link.clone() {
                                        Some(link) => view! { <A href=link attr:class="underline">{n.text.clone()}</A> }.into_any(),
                                        None => n.text.clone().into_any(),
                                    }}</p>
                                    <p class="text-xs text-slate-500">{format_wib(n.created_at)}</p>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(error) => view! { <AccessProblem error /> }.into_any(),
                }
            })}
        </Transition>
    }
}
