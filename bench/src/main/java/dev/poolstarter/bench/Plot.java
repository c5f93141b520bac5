package dev.poolstarter.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

import javax.imageio.ImageIO;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws throughput and p99 latency against pool size, medians over the rounds: one line
 * per client count for the sweep, the starter's size as a marker and pgbench's best as a
 * dashed line, into one PNG.
 *
 * @author pool-starter
 */
final class Plot {

	private static final int WIDTH = 1000;

	private static final int HEIGHT = 520;

	private static final Color[] COLORS = { new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
			new Color(0x9467bd), new Color(0xff7f0e) };

	private Plot() {
	}

	static void write(BenchResults results, Path file) throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		BufferedImage image = new BufferedImage(WIDTH, 2 * HEIGHT, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.drawImage(BitmapEncoder.getBufferedImage(throughput(results)), 0, 0, null);
		graphics.drawImage(BitmapEncoder.getBufferedImage(latency(results)), 0, HEIGHT, null);
		graphics.dispose();
		ImageIO.write(image, "png", file.toFile());
	}

	private static XYChart throughput(BenchResults results) {
		XYChart chart = chart("Throughput against pool size (" + title(results) + ")", "transactions per second");
		chart.getStyler().setYAxisMin(0.0);
		addSeries(chart, results, RunStats::tps);
		Optional<PgbenchSeries> pgbench = results.bestPgbench();
		pgbench.ifPresent((best) -> {
			double[] x = { 0, x((int) maxSize(results)) };
			double[] y = { best.tps().median(), best.tps().median() };
			XYSeries series = chart.addSeries("pgbench best", x, y);
			series.setMarker(SeriesMarkers.NONE);
			series.setLineColor(Color.DARK_GRAY);
			series.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
					new float[] { 8f, 6f }, 0f));
		});
		return chart;
	}

	private static XYChart latency(BenchResults results) {
		XYChart chart = chart("p99 latency against pool size (borrow to close)", "p99 latency (ms, log)");
		chart.getStyler().setYAxisLogarithmic(true);
		addSeries(chart, results, RunStats::p99Millis);
		results.bestPgbench().ifPresent((best) -> {
			XYSeries series = chart.addSeries("pgbench best", new double[] { x(best.clients()) },
					new double[] { best.spread(PgbenchResult::p99Millis).median() });
			series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
			series.setMarker(SeriesMarkers.SQUARE);
			series.setMarkerColor(Color.DARK_GRAY);
		});
		return chart;
	}

	private static XYChart chart(String title, String yTitle) {
		XYChart chart = new XYChartBuilder().width(WIDTH)
			.height(HEIGHT)
			.title(title)
			.xAxisTitle("maximum pool size (log scale)")
			.yAxisTitle(yTitle)
			.build();
		// x is log2(size), labelled with the sizes: XChart's log axis labels decades only
		chart.setCustomXAxisTickLabelsFormatter(Plot::sizeLabel);
		chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
		chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
		chart.getStyler().setChartBackgroundColor(Color.WHITE);
		chart.getStyler().setPlotGridLinesVisible(true);
		return chart;
	}

	private static String sizeLabel(double log2) {
		long rounded = Math.round(log2);
		return (Math.abs(log2 - rounded) < 1e-6 && rounded >= 0) ? Long.toString(1L << rounded) : "";
	}

	private static double x(int size) {
		return Math.log(size) / Math.log(2);
	}

	private static void addSeries(XYChart chart, BenchResults results, ToDoubleFunction<RunStats> value) {
		int i = 0;
		for (int clients : results.runs().keySet()) {
			Color color = COLORS[i++ % COLORS.length];
			List<Series> sweep = results.sweep(clients).stream().filter((s) -> s.tps().median() > 0).toList();
			if (sweep.isEmpty()) {
				continue;
			}
			XYSeries line = chart.addSeries(clients + " clients", sweep.stream().mapToDouble((s) -> x(s.size())).toArray(),
					sweep.stream().mapToDouble((s) -> s.spread(value).median()).toArray());
			line.setLineColor(color);
			line.setMarkerColor(color);
			line.setMarker(SeriesMarkers.CIRCLE);
			results.config(clients, BenchMain.STARTER).filter((s) -> s.tps().median() > 0).ifPresent((starter) -> {
				XYSeries marker = chart.addSeries("starter, " + clients, new double[] { x(starter.size()) },
						new double[] { starter.spread(value).median() });
				marker.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
				marker.setMarker(SeriesMarkers.DIAMOND);
				marker.setMarkerColor(color.darker());
			});
		}
	}

	private static double maxSize(BenchResults results) {
		return results.runs()
			.values()
			.stream()
			.flatMap(List::stream)
			.filter(Series::sweep)
			.mapToInt(Series::size)
			.max()
			.orElse(64);
	}

	private static String title(BenchResults results) {
		return "hold " + Report.num(results.options().workload().holdMillis(), 1) + " ms, "
				+ results.facts().cores() + " cores shared with the server";
	}

}
