/**
 * A running sum of doubles with Neumaier's compensation (Neumaier 1974, "Rundungsfehleranalyse
 * einiger Verfahren zur Summation endlicher Summen", ZAMM 54; the improved Kahan–Babuška sum):
 * the error of every addition is carried in `compensation`, so the result is as if summed in about
 * twice the precision. `count` is the number of values added.
 */
export class NeumaierSum {
  private sum = 0;
  private compensation = 0;
  count = 0;

  add(value: number): void {
    const t = this.sum + value;
    if (Math.abs(this.sum) >= Math.abs(value)) this.compensation += this.sum - t + value;
    else this.compensation += value - t + this.sum;
    this.sum = t;
    this.count++;
  }

  /** The compensated sum (0 when nothing was added). */
  value(): number {
    return this.sum + this.compensation;
  }
}
