const { task, src, dest } = require('gulp');

// Icons and codex files (*.node.json) go next to the compiled nodes and credentials.
task('build:icons', () =>
	src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist')),
);
