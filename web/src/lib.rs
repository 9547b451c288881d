//! The web app and the JavaScript API: thin layers over nianbao-core.
