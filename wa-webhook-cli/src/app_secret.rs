//! The app secrets of `WA_APP_SECRET` as `serve` reads them (one secret, or several separated
//! by commas, each optionally `NAME=SECRET`), for the commands that sign bodies as Meta would
//! (`load`, `replay`, `trigger`) and the one that checks a signature (`verify`).

/// The variable the secrets are read from.
pub const VAR: &str = "WA_APP_SECRET";

/// The apps' secrets, in the order given, each with its name if it has one.
pub struct AppSecrets(Vec<(Option<String>, String)>);

impl AppSecrets {
    /// The secrets of `WA_APP_SECRET`, or why there are none (unset, empty, or an empty one in
    /// the list), in a sentence that says what the command does with them.
    pub fn from_env(purpose: &str) -> Result<Self, String> {
        let Ok(list) = std::env::var(VAR) else {
            return Err(format!("set {VAR} to the app secret: {purpose}"));
        };
        Self::parse(&list).ok_or_else(|| {
            format!(
                "{VAR} is empty (or lists an empty secret); set it to the app secret: {purpose}"
            )
        })
    }

    fn parse(list: &str) -> Option<Self> {
        let apps = list
            .split(',')
            .map(|app| {
                let (name, secret) = match app.split_once('=') {
                    Some((name, secret)) => (Some(name.trim()), secret.trim()),
                    None => (None, app.trim()),
                };
                let name = name.filter(|n| !n.is_empty()).map(str::to_owned);
                (!secret.is_empty()).then(|| (name, secret.to_owned()))
            })
            .collect::<Option<Vec<_>>>()?;
        Some(AppSecrets(apps))
    }

    /// The secret of the app a stored record names (by name, or by its place from 0); the
    /// first app's for a record that names none, or an app this list does not have.
    pub fn of(&self, app: Option<&str>) -> &str {
        app.and_then(|app| self.find(app)).unwrap_or(&self.0[0].1)
    }

    /// The secret of the app named `app` (or at that place, from 0); `None` if there is none.
    pub fn find(&self, app: &str) -> Option<&str> {
        let by_name = self.0.iter().find(|(name, _)| name.as_deref() == Some(app));
        let found = by_name.or_else(|| self.0.get(app.parse::<usize>().ok()?))?;
        Some(&found.1)
    }

    /// Every secret, in order.
    pub fn all(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(_, secret)| secret.as_str())
    }

    /// The name (or place, from 0) of the app at `index`.
    pub fn label(&self, index: usize) -> String {
        match &self.0[index].0 {
            Some(name) => name.clone(),
            None => index.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::AppSecrets;

    #[test]
    fn a_list_gives_each_apps_secret_by_name_or_place() {
        let apps = AppSecrets::parse("first, shop=s2,third").unwrap();
        assert_eq!(apps.of(None), "first");
        assert_eq!(apps.of(Some("shop")), "s2");
        assert_eq!(apps.of(Some("2")), "third");
        assert_eq!(apps.of(Some("x-example-gone")), "first");
        assert_eq!(apps.find("x-example-gone"), None);
        assert_eq!(apps.find("1"), Some("s2"));
        assert_eq!(apps.all().collect::<Vec<_>>(), ["first", "s2", "third"]);
        assert_eq!(
            (apps.label(0), apps.label(1)),
            ("0".to_owned(), "shop".to_owned())
        );
        assert!(AppSecrets::parse("").is_none());
        assert!(AppSecrets::parse("a,").is_none());
        assert!(AppSecrets::parse("shop=").is_none());
    }
}
