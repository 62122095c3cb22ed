//! Cookie names under an https public URL: every cookie Overblik sets carries the `__Host-`
//! prefix, which browsers accept only when it is set over https, `Secure`, for path `/` and
//! without a `Domain`, so neither a sibling host nor a plain-http page can plant or overwrite
//! one. Handlers keep to the plain names; this layer renames on the way in and out.

use crate::acting::ACTING_COOKIE;
use crate::i18n::LANGUAGE_COOKIE;
use crate::login::session::{LOGIN_COOKIE, SESSION_COOKIE};
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use axum_extra::extract::cookie::Cookie;

/// The prefix of every cookie this server sets under https.
pub const HOST_PREFIX: &str = "__Host-";

/// The cookies this server sets, by their plain names.
const OURS: [&str; 4] = [SESSION_COOKIE, LOGIN_COOKIE, ACTING_COOKIE, LANGUAGE_COOKIE];

/// The name a cookie of ours travels under: prefixed when `secure` (an https public URL).
pub fn name_for(plain: &str, secure: bool) -> String {
    if secure {
        format!("{HOST_PREFIX}{plain}")
    } else {
        plain.to_owned()
    }
}

/// Middleware for an https deployment: a request's `__Host-` cookies of ours reach the
/// handlers under their plain names, and plain-named ones (which anyone on a sibling host or
/// over http could have set) are dropped; every cookie of ours the answer sets goes out
/// prefixed, `Secure`, for path `/` and without a `Domain`.
pub async fn host_prefixed(mut request: Request, next: Next) -> Response {
    unprefix_request(request.headers_mut());
    let mut response = next.run(request).await;
    prefix_response(response.headers_mut());
    response
}

fn unprefix_request(headers: &mut HeaderMap) {
    let sent: Vec<String> = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .map(str::trim)
        .filter(|pair| !pair.is_empty())
        .filter_map(|pair| {
            let name = pair.split_once('=').map_or(pair, |(name, _)| name);
            match name.strip_prefix(HOST_PREFIX) {
                Some(plain) if OURS.contains(&plain) => Some(pair[HOST_PREFIX.len()..].to_owned()),
                _ if OURS.contains(&name) => None,
                _ => Some(pair.to_owned()),
            }
        })
        .collect();
    headers.remove(header::COOKIE);
    if let Ok(value) = HeaderValue::from_str(&sent.join("; "))
        && !sent.is_empty()
    {
        headers.insert(header::COOKIE, value);
    }
}

fn prefix_response(headers: &mut HeaderMap) {
    let set: Vec<HeaderValue> = headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|value| {
            let Some(mut cookie) = value
                .to_str()
                .ok()
                .and_then(|text| Cookie::parse(text.to_owned()).ok())
                .filter(|cookie| OURS.contains(&cookie.name()))
            else {
                return value.clone();
            };
            cookie.set_name(format!("{HOST_PREFIX}{}", cookie.name()));
            cookie.set_secure(true);
            cookie.set_path("/");
            cookie.unset_domain();
            HeaderValue::from_str(&cookie.to_string()).unwrap_or_else(|_| value.clone())
        })
        .collect();
    headers.remove(header::SET_COOKIE);
    for value in set {
        headers.append(header::SET_COOKIE, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_prefixed_cookies_of_ours_reach_the_handlers_and_others_pass_untouched() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static(
                "overblik_session=planted; __Host-overblik_session=real; theme=dark; \
                 __Host-other=kept",
            ),
        );
        unprefix_request(&mut headers);
        assert_eq!(
            headers[header::COOKIE],
            "overblik_session=real; theme=dark; __Host-other=kept"
        );
    }

    #[test]
    fn cookies_of_ours_go_out_prefixed_secure_for_the_whole_host() {
        let mut headers = HeaderMap::new();
        headers.append(
            header::SET_COOKIE,
            HeaderValue::from_static("overblik_login=x; HttpOnly; Path=/login; Domain=example.org"),
        );
        headers.append(
            header::SET_COOKIE,
            HeaderValue::from_static("elsewhere=y; Path=/a"),
        );
        prefix_response(&mut headers);
        let set: Vec<&str> = headers
            .get_all(header::SET_COOKIE)
            .iter()
            .map(|value| value.to_str().expect("ascii"))
            .collect();
        assert_eq!(
            set,
            [
                "__Host-overblik_login=x; HttpOnly; Secure; Path=/",
                "elsewhere=y; Path=/a"
            ]
        );
    }
}
