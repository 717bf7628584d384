//! One file per screen; each has `render(app, frame, area)` and, when it lists things,
//! `rows(data, filter, sort)` giving the indexes in view order.

pub mod matrix;
pub mod notes;
pub mod one_on_one;
pub mod people;
pub mod perception;
pub mod person;
pub mod skills;
pub mod team;
mod team_panels;
pub mod trainings;
