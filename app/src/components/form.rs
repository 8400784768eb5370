//! Form pieces: labelled inputs with their error underneath, and the error of a
//! form posted without JavaScript (the server puts it in the page's URL).

use crate::components::action_form::FormAction;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::error::ServerFnUrlError;

pub const INPUT_CLASS: &str = "w-full rounded-md border border-slate-300 px-3 py-2 text-base focus:border-emerald-600 focus:outline-none focus:ring-2 focus:ring-emerald-600/30 aria-[invalid=true]:border-red-500";
/// A label that wraps its control: the name above, the field below.
pub const LABEL_CLASS: &str = "flex flex-col gap-1 text-sm font-medium text-slate-700";
pub const BUTTON_CLASS: &str = "rounded-md bg-emerald-700 px-4 py-2 font-medium text-white hover:bg-emerald-800 disabled:opacity-60";
pub const SECONDARY_BUTTON_CLASS: &str = "rounded-md border border-slate-300 bg-white px-4 py-2 font-medium text-slate-800 hover:bg-slate-100 disabled:opacity-60";

/// The error a form post without JavaScript left in the URL for server function
/// `path`. Read from the request on the server and from the address bar in an
/// island (which has no router), so both render the same message.
pub fn error_from_url(path: &'static str) -> Signal<Option<AppError>> {
    let query = page_query();
    let error = (query_value(&query, "__path").as_deref() == Some(path))
        .then(|| query_value(&query, "__err"))
        .flatten()
        .map(|err| ServerFnUrlError::<AppError>::decode_err(&err));
    Signal::stored(error)
}

/// Whether the page's address carries `name` (`?tersimpan=1`): what a plain form
/// post answered with a redirect.
pub fn page_has(name: &str) -> bool {
    query_value(&page_query(), name).is_some()
}

/// The value of `name` in the page's address (`?ditolak=konflik`).
pub fn page_value(name: &str) -> Option<String> {
    query_value(&page_query(), name)
}

/// The query string of the page being shown, without the `?`.
fn page_query() -> String {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|parts| parts.uri.query().map(str::to_owned))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        window()
            .location()
            .search()
            .map(|s| s.trim_start_matches('?').to_owned())
            .unwrap_or_default()
    }
}

/// The decoded value of `name` in an `application/x-www-form-urlencoded` query.
pub fn query_value(query: &str, name: &str) -> Option<String> {
    query
        .split('&')
        .filter_map(|pair| pair.split_once('=').or(Some((pair, ""))))
        .find(|(key, _)| percent_decode(key) == name)
        .map(|(_, value)| percent_decode(value))
}

fn percent_decode(text: &str) -> String {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%' && i + 2 < bytes.len())
            .then(|| Some(hex(bytes[i + 1])? * 16 + hex(bytes[i + 2])?))
            .flatten();
        match (bytes[i], escaped) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 2;
            }
            (b'+', _) => out.push(b' '),
            (byte, _) => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The latest error of an action, or the one a plain form post left in the URL.
pub fn form_error<I, O>(action: FormAction<I>, path: &'static str) -> Signal<Option<AppError>>
where
    I: leptos::server_fn::ServerFn<Output = O, Error = AppError> + 'static,
    O: Clone + Send + Sync + 'static,
{
    let from_url = error_from_url(path);
    Signal::derive(move || match action.value().get() {
        Some(Err(error)) => Some(error),
        Some(Ok(_)) => None,
        None => from_url.get(),
    })
}

/// A labelled input whose message appears under it when `error` names its field.
#[component]
pub fn Field(
    #[prop(into)] label: Signal<String>,
    name: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional, into)] value: Option<String>,
    #[prop(optional, into)] autocomplete: Option<&'static str>,
    #[prop(optional, into)] inputmode: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] test_id: Option<&'static str>,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    let message = move || error.get().and_then(|e| e.field_message(name));
    let id = format!("field-{name}");
    let message_id = format!("{id}-error");
    view! {
        <div class="flex flex-col gap-1">
            <label for=id.clone() class="text-sm font-medium text-slate-700">{label}</label>
            <input
                id=id
                name=name
                type=kind
                value=value
                autocomplete=autocomplete
                inputmode=inputmode
                required=required
                data-testid=test_id
                aria-invalid=move || message().is_some().to_string()
                aria-describedby=message_id.clone()
                class=INPUT_CLASS
            />
            <p id=message_id class="min-h-5 text-sm text-red-700" data-testid=move || test_id.map(|t| format!("{t}-error"))>
                {message}
            </p>
        </div>
    }
}

/// An error that belongs to no single field (or to a field the form lacks).
#[component]
pub fn FormError(
    #[prop(into)] error: Signal<Option<AppError>>,
    fields: &'static [&'static str],
) -> impl IntoView {
    let general = move || {
        error.get().filter(|e| match e {
            AppError::Invalid { field, .. } => !fields.contains(&field.as_str()),
            _ => true,
        })
    };
    view! {
        {move || general().map(|e| view! {
            <p class="rounded-md border border-red-200 bg-red-50 p-3 text-red-800" role="alert" data-testid="form-error">
                {e.to_string()}
            </p>
        })}
    }
}

/// Loads the current page again (after a change that alters more than the island).
pub fn reload_page() {
    #[cfg(feature = "hydrate")]
    {
        let _ = window().location().reload();
    }
}

/// After a successful action, load `target` as a new page (the session changed,
/// so everything on screen should be fetched again).
pub fn reload_to(target: String) {
    #[cfg(feature = "hydrate")]
    {
        let _ = window().location().set_href(&target);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = target;
}

#[cfg(test)]
mod tests {
    use super::query_value;

    #[test]
    fn reads_encoded_query_values() {
        let query = "q=dinas+kesehatan&__path=%2Fapi%2Fsave&__err=eyJ9%3D&x";
        assert_eq!(query_value(query, "q").as_deref(), Some("dinas kesehatan"));
        assert_eq!(query_value(query, "__path").as_deref(), Some("/api/save"));
        assert_eq!(query_value(query, "__err").as_deref(), Some("eyJ9="));
        assert_eq!(query_value(query, "x").as_deref(), Some(""));
        assert_eq!(query_value(query, "y"), None);
        assert_eq!(query_value("a=%zz%4", "a").as_deref(), Some("%zz%4"));
    }
}
